/**
 * Who may use the console: the users file (password hashes, roles), hashing and checking
 * passwords (Argon2id, and bcrypt for files made with {@code htpasswd -B}, through Bouncy
 * Castle), sessions with their CSRF tokens, and slowing down guessed passwords.
 */
package io.sunsync.ground.console.auth;
