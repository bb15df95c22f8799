package de.patientenversand.ui;

/**
 * The icon in the system tray (notification area) that keeps the app reachable while its window
 * is closed and uploads still arrive. Callbacks may run on any thread.
 */
interface Tray {

    /**
     * Puts the icon into the tray.
     *
     * @return false where the system has no tray: the app then ends when its window closes
     */
    boolean install(Labels labels, Runnable open, Runnable quit);

    /** A short notice next to the icon; never document content. */
    void notify(String title, String text);

    void remove();

    /** The texts of the icon and its menu. */
    record Labels(String tooltip, String open, String quit) {
    }

    /** No tray: the window is the app. */
    static Tray none() {
        return new Tray() {
            @Override
            public boolean install(Labels labels, Runnable open, Runnable quit) {
                return false;
            }

            @Override
            public void notify(String title, String text) {
            }

            @Override
            public void remove() {
            }
        };
    }
}
