/**
 * Connection profiles ({@code ~/.config/sunsync/ground.yaml}, {@code --profile FILE},
 * {@code SUNSYNC_GROUND_PROFILE}): broker URL, TLS, credentials, per-satellite command keys
 * and the archive folder, read strictly so a typo names its key. Secrets are referenced (a file
 * or an environment variable), never stored in the profile, and never printed.
 */
package io.sunsync.ground.profile;
