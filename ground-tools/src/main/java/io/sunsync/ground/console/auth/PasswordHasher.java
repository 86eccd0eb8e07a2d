package io.sunsync.ground.console.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and checks console passwords with Bouncy Castle. New hashes are Argon2id in the PHC
 * string format ({@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}, OWASP's minimum: 19 MiB, two
 * passes, one lane, 16-byte salt, 32-byte hash); bcrypt hashes ({@code $2a$}, {@code $2b$},
 * {@code $2y$}, as {@code htpasswd -B} writes them) are checked too. Comparisons are constant-time.
 * Stateless; thread safe.
 */
public final class PasswordHasher {
    /** Memory cost of new hashes, in KiB. */
    public static final int MEMORY_KIB = 19_456;
    /** Passes over the memory of new hashes. */
    public static final int ITERATIONS = 2;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A hash of a password no one knows, checked for unknown users so that their answer takes as long. */
    private static final String DECOY = hash("decoy-password-for-unknown-users".toCharArray());

    private PasswordHasher() {
    }

    /** An Argon2id hash of {@code password} with a fresh random salt. */
    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] out = argon2(password, salt, MEMORY_KIB, ITERATIONS, 1, 32);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=1$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(out);
    }

    /** True if {@code hash} is in a format this class checks. */
    public static boolean isSupported(String hash) {
        return PHC.matcher(hash).matches() || BCRYPT.matcher(hash).matches();
    }

    /** True if {@code password} matches {@code hash}; false for a hash in an unknown format. */
    public static boolean verify(String hash, char[] password) {
        Matcher m = PHC.matcher(hash);
        if (m.matches()) {
            int memoryKib = Integer.parseInt(m.group(1));
            int iterations = Integer.parseInt(m.group(2));
            int lanes = Integer.parseInt(m.group(3));
            if (memoryKib < 8 * lanes || memoryKib > 1_048_576 || iterations < 1 || lanes < 1) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(m.group(4));
            byte[] expected = Base64.getDecoder().decode(m.group(5));
            return MessageDigest.isEqual(expected, argon2(password, salt, memoryKib, iterations, lanes, expected.length));
        }
        if (BCRYPT.matcher(hash).matches()) {
            return OpenBSDBCrypt.checkPassword(hash, password);
        }
        return false;
    }

    /** Spends the time a real check takes, for a user that does not exist; always false. */
    public static boolean verifyDecoy(char[] password) {
        verify(DECOY, password);
        return false;
    }

    private static byte[] argon2(char[] password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib).withIterations(iterations)
                .withParallelism(lanes).withSalt(salt).build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(p);
        byte[] out = new byte[length];
        g.generateBytes(password, out); // UTF-8, Argon2Parameters' default conversion
        return out;
    }
}
