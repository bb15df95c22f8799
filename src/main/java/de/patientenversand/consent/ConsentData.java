package de.patientenversand.consent;

import de.patientenversand.common.UserException;
import java.time.LocalDate;

/**
 * What the patient declares in the consent (Einwilligung) for one link. The signature is a
 * drawn image (PNG bytes) or a typed name; at least one is required.
 *
 * @param name           the patient's full name
 * @param birthDate      date of birth
 * @param address        postal address, optional
 * @param practice       the practice, prefilled from the link's label
 * @param scope          which records, e.g. "Befunde, Arztbriefe, Bilder"
 * @param signaturePng   the drawn signature as PNG, or {@code null}
 * @param typedSignature the typed name as signature, or {@code null}
 * @param date           the day of signing
 */
public record ConsentData(String name, LocalDate birthDate, String address, String practice, String scope,
                          byte[] signaturePng, String typedSignature, LocalDate date) {
    public static final String DEFAULT_SCOPE = "Befunde, Arztbriefe, Bilder (z. B. Röntgen, MRT) und weitere Dokumente meiner Behandlung";
    static final int MAX_NAME = 200;
    static final int MAX_PRACTICE = 300;
    static final int MAX_ADDRESS = 500;
    static final int MAX_SCOPE = 2000;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    /**
     * Checks every field and throws a {@link UserException} naming the first that is missing or
     * wrong ({@code consent.missing.name}, {@code consent.tooLong.practice}, ...).
     */
    public ConsentData validated(LocalDate today) {
        required("name", name, MAX_NAME);
        if (birthDate == null) {
            throw new UserException("consent.missing.birthDate");
        }
        if (birthDate.isAfter(today) || birthDate.isBefore(today.minusYears(130))) {
            throw new UserException("consent.bad.birthDate");
        }
        if (address != null && address.length() > MAX_ADDRESS) {
            throw new UserException("consent.tooLong.address", MAX_ADDRESS);
        }
        required("practice", practice, MAX_PRACTICE);
        required("scope", scope, MAX_SCOPE);
        boolean drawn = signaturePng != null && signaturePng.length > 0;
        boolean typed = typedSignature != null && !typedSignature.isBlank();
        if (!drawn && !typed) {
            throw new UserException("consent.missing.signature");
        }
        if (drawn && (signaturePng.length < 8 || !java.util.Arrays.equals(signaturePng, 0, 4, PNG, 0, 4))) {
            throw new UserException("consent.bad.signature");
        }
        if (typed && typedSignature.length() > MAX_NAME) {
            throw new UserException("consent.tooLong.signature", MAX_NAME);
        }
        if (date == null) {
            throw new UserException("consent.missing.date");
        }
        return this;
    }

    private static void required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new UserException("consent.missing." + field);
        }
        if (value.length() > max) {
            throw new UserException("consent.tooLong." + field, max);
        }
    }

    @Override
    public String toString() {
        return "ConsentData[...]";
    }
}
