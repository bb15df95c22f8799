package de.patientenversand.ui;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon through AWT's {@link SystemTray} (JavaFX has none): Windows' notification area,
 * the macOS menu bar, and Linux desktops with a system tray. Where there is none it is simply
 * not installed. Every AWT call runs on AWT's event thread.
 */
final class AwtTray implements Tray {
    private static final Logger LOG = LoggerFactory.getLogger(AwtTray.class);
    private volatile TrayIcon icon;

    @Override
    public boolean install(Labels labels, Runnable open, Runnable quit) {
        if (GraphicsEnvironment.isHeadless()) {
            return false;
        }
        try {
            EventQueue.invokeAndWait(() -> add(labels, open, quit));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            LOG.warn("No tray icon ({})", e.getCause().getClass().getSimpleName());
        }
        return icon != null;
    }

    private void add(Labels labels, Runnable open, Runnable quit) {
        if (!SystemTray.isSupported()) {
            return;
        }
        try {
            PopupMenu menu = new PopupMenu();
            MenuItem openItem = new MenuItem(labels.open());
            openItem.addActionListener(e -> open.run());
            MenuItem quitItem = new MenuItem(labels.quit());
            quitItem.addActionListener(e -> quit.run());
            menu.add(openItem);
            menu.addSeparator();
            menu.add(quitItem);
            TrayIcon candidate = new TrayIcon(image(), labels.tooltip(), menu);
            candidate.setImageAutoSize(true);
            candidate.addActionListener(e -> open.run());
            SystemTray.getSystemTray().add(candidate);
            icon = candidate;
        } catch (java.awt.AWTException | IOException | RuntimeException e) {
            LOG.warn("No tray icon ({})", e.getClass().getSimpleName());
        }
    }

    private static Image image() throws IOException {
        try (InputStream in = AwtTray.class.getResourceAsStream("/icons/app-64.png")) {
            if (in == null) {
                throw new IOException("icon missing");
            }
            return ImageIO.read(in);
        }
    }

    @Override
    public void notify(String title, String text) {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                icon.displayMessage(title, text, TrayIcon.MessageType.INFO);
            }
        });
    }

    @Override
    public void remove() {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
                icon = null;
            }
        });
    }
}
