package io.sunsync.ground.command;

import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.profile.SatelliteProfile;
import io.sunsync.ground.tc.CommandKeyFile;
import io.sunsync.ground.tc.CommandSigner;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a ground station finds the key to sign a satellite's commands with: the key file the
 * profile names ({@code satellites.SAT.keyFile}, or one given on the command line), and the key
 * id the profile pins, else the satellite's {@code commanding.activeKeyId} from housekeeping.
 * Key bytes stay inside the returned {@link CommandSigner}. Stateless.
 */
public final class StationKeys {
    private StationKeys() {
    }

    /**
     * The signer for {@code sat}.
     *
     * @param keyFile the key file to use instead of the profile's, or null
     * @param keyId   the key id to use instead of the profile's or the satellite's, or null
     * @param ctx     what is known of the satellite (its active key id)
     * @throws RefusedException {@link Refusal#NO_KEY} naming what is missing
     */
    public static CommandSigner signer(LoadedProfile p, String sat, Path keyFile, Integer keyId, SatelliteContext ctx)
            throws RefusedException {
        SatelliteProfile sp = p.profile().satellites().get(sat);
        Path file = keyFile != null ? keyFile : sp == null || sp.keyFile() == null ? null : p.resolve(sp.keyFile());
        if (file == null) {
            throw new RefusedException(Refusal.NO_KEY, "no command key for " + sat
                    + ": add satellites." + sat + ".keyFile to the profile, or pass --command-keys FILE");
        }
        CommandKeyFile keys;
        try {
            keys = CommandKeyFile.read(file);
        } catch (IOException e) {
            throw new RefusedException(Refusal.NO_KEY, e.getMessage());
        }
        if (!keys.sat().equals(sat)) {
            throw new RefusedException(Refusal.NO_KEY, file + " holds the keys of " + keys.sat() + ", not " + sat);
        }
        Integer id = keyId != null ? keyId : sp != null && sp.keyId() != null ? sp.keyId() : ctx.activeKeyId();
        if (id == null) {
            throw new RefusedException(Refusal.NO_KEY, "which key of " + sat + "? its housekeeping gives no "
                    + "commanding.activeKeyId: pass --key-id N or set satellites." + sat + ".keyId");
        }
        try {
            return keys.signer(id);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(Refusal.NO_KEY, e.getMessage());
        }
    }
}
