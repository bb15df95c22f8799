package de.patientenversand.upload;

import de.patientenversand.common.UserException;
import java.util.List;
import java.util.Locale;

/** The HTML receipt for a plain form post: every name shown as literal text (T06). */
final class ReceiptPage {
    private ReceiptPage() {
    }

    static String fileList(Locale locale, List<ReceiptEntry> files) {
        StringBuilder sb = new StringBuilder("<ul class=\"files\">\n");
        for (ReceiptEntry f : files) {
            sb.append("<li><span class=\"name\">").append(Html.escape(f.name())).append("</span> ");
            if (f.isStored()) {
                sb.append("<span class=\"ok\">")
                        .append(Html.escape(UserException.format(locale, "upload.page.fileStored", f.size())))
                        .append("</span><br><code class=\"sha256\">SHA-256: ").append(Html.escape(f.sha256()))
                        .append("</code>");
            } else {
                sb.append("<span class=\"error\">").append(Html.escape(f.message(locale))).append("</span>");
            }
            sb.append("</li>\n");
        }
        return sb.append("</ul>").toString();
    }

    static String body(Locale locale, String submission, String receivedAt, List<ReceiptEntry> files) {
        return "<p>" + Html.escape(UserException.format(locale, "upload.page.receiptIntro")) + "</p>\n"
                + "<p>" + Html.escape(UserException.format(locale, "upload.page.receiptMeta", submission, receivedAt))
                + "</p>\n" + fileList(locale, files);
    }
}
