package de.patientenversand.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * One file of a receipt: stored ({@code sha256} set) or refused ({@code error} set, with the
 * arguments of its message). {@code size} is the bytes of the file as sent (or as far as read).
 */
public record ReceiptEntry(String name, long size, String sha256, ApiError error, Object[] errorArgs) {

    public static ReceiptEntry stored(String name, long size, String sha256) {
        return new ReceiptEntry(name, size, sha256, null, new Object[0]);
    }

    public static ReceiptEntry refused(String name, long size, ApiError error, Object... args) {
        return new ReceiptEntry(name, size, null, error, args.clone());
    }

    public boolean isStored() {
        return error == null;
    }

    public String message(Locale locale) {
        return error == null ? null : ErrorResponder.message(locale, error, errorArgs);
    }

    ObjectNode toJson(ObjectMapper json, Locale locale) {
        ObjectNode node = json.createObjectNode();
        node.put("name", name);
        node.put("size", size);
        if (error == null) {
            node.put("sha256", sha256);
        } else {
            node.put("error", error.code());
            node.put("message", message(locale));
        }
        return node;
    }
}
