package io.sunsync.ground.profile;

/**
 * A connection profile is wrong. Carries a {@link ProfileError} code and the dotted key that
 * is wrong (e.g. {@code broker.tls.caFile}), so the operator can fix it without a stack trace.
 * Never carries a secret's value.
 */
public final class ProfileException extends RuntimeException {
    private final ProfileError code;
    private final String key;

    /**
     * @param code    what kind of problem
     * @param key     dotted path of the offending key, or the file name when the whole file is bad
     * @param message what is wrong with it
     */
    public ProfileException(ProfileError code, String key, String message) {
        super(key + ": " + message);
        this.code = code;
        this.key = key;
    }

    /** What kind of problem. */
    public ProfileError code() {
        return code;
    }

    /** The dotted key (or file) that is wrong. */
    public String key() {
        return key;
    }

    /** The explanation without the key. */
    public String reason() {
        return getMessage().substring(key.length() + 2);
    }

    /** The same problem with its key placed under {@code prefix}. */
    ProfileException under(String prefix) {
        return prefix.isEmpty() ? this : new ProfileException(code, prefix + "." + key, reason());
    }
}
