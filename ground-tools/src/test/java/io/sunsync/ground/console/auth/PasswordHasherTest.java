package io.sunsync.ground.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void anArgon2idHashChecksItsPasswordAndNoOther() {
        String h = PasswordHasher.hash("correct horse battery staple".toCharArray());

        assertThat(h).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(PasswordHasher.verify(h, "correct horse battery staple".toCharArray())).isTrue();
        assertThat(PasswordHasher.verify(h, "correct horse battery stapler".toCharArray())).isFalse();
        assertThat(PasswordHasher.hash("correct horse battery staple".toCharArray())).as("a fresh salt each time").isNotEqualTo(h);
    }

    @Test
    void aTamperedHashChecksNothing() {
        String h = PasswordHasher.hash("pw-0123456789".toCharArray());
        String other = h.substring(0, h.length() - 2) + (h.endsWith("AA") ? "BB" : "AA");

        assertThat(PasswordHasher.verify(other, "pw-0123456789".toCharArray())).isFalse();
        assertThat(PasswordHasher.verify("plain-text", "plain-text".toCharArray())).isFalse();
        assertThat(PasswordHasher.isSupported("plain-text")).isFalse();
    }

    /** The classic bcrypt test vector (OpenBSD, John the Ripper): "U*U" at cost 5. */
    @Test
    void aBcryptHashAsHtpasswdWritesItIsChecked() {
        String h = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

        assertThat(PasswordHasher.isSupported(h)).isTrue();
        assertThat(PasswordHasher.verify(h, "U*U".toCharArray())).isTrue();
        assertThat(PasswordHasher.verify(h, "U*V".toCharArray())).isFalse();
    }

    @Test
    void anUnknownUserIsNeverLetIn() {
        assertThat(PasswordHasher.verifyDecoy("decoy-password-for-unknown-users".toCharArray())).isFalse();
    }
}
