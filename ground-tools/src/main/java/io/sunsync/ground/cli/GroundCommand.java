package io.sunsync.ground.cli;

import io.sunsync.ground.mqtt.PemTls;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.profile.ProfileException;
import io.sunsync.ground.store.StoreError;
import io.sunsync.ground.store.StoreException;
import io.sunsync.ground.telemetry.Highlighter;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The shape of every {@code sunsync ground} command: find the profile, honour
 * {@code --show-config}, run, and turn what went wrong into one clear line and an
 * {@link ExitCode}. Runs on the caller's thread.
 */
public abstract class GroundCommand implements Callable<Integer> {
    @Mixin
    ProfileOptions profileOptions;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour limit highlighting: auto (when stdout is a terminal), always, never (default ${DEFAULT-VALUE}).")
    String color;

    @Spec
    CommandSpec spec;

    /** The ground's wall clock (for staleness and file rotation); tests may replace it. */
    protected Clock clock = Clock.systemUTC();

    /** The process environment; tests may replace it. */
    protected Map<String, String> environ = System.getenv();

    @Override
    public final Integer call() {
        try {
            LoadedProfile p = effectiveProfile();
            if (profileOptions.showConfig) {
                out().print(p.show(environ));
                out().flush();
                return ExitCode.OK.code();
            }
            return run(p).code();
        } catch (ProfileException e) {
            return fail(ExitCode.USAGE, "profile: " + e.getMessage() + " [" + e.code() + "]");
        } catch (PemTls.TlsSetupException e) {
            return fail(ExitCode.USAGE, "TLS: " + e.getMessage());
        } catch (UsageException e) {
            return fail(ExitCode.USAGE, e.getMessage());
        } catch (MqttException e) {
            return fail(ExitCode.BROKER, "broker: " + describe(e));
        } catch (StoreException e) {
            return fail(e.error() == StoreError.BAD_URL ? ExitCode.USAGE : ExitCode.DATABASE,
                    "archive store: " + e.getMessage() + " [" + e.error() + "]");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(ExitCode.FAILURE, "interrupted");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return fail(ExitCode.FAILURE, e.getMessage());
        } catch (Exception e) {
            return fail(ExitCode.FAILURE, e.toString());
        }
    }

    /** The profile with this command's overrides applied. */
    protected LoadedProfile effectiveProfile() {
        return profileOptions.load(environ);
    }

    /** The command's work. */
    protected abstract ExitCode run(LoadedProfile profile) throws Exception;

    /** Standard output of this command line. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error of this command line. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The highlighter {@code --color} asks for. */
    protected Highlighter highlighter() {
        // Java 17: System.console() is non-null only when stdin and stdout are both a terminal.
        boolean tty = System.console() != null && !"dumb".equals(environ.get("TERM")) && environ.get("NO_COLOR") == null;
        return switch (color) {
            case "always" -> new Highlighter(true);
            case "never" -> new Highlighter(false);
            case "auto" -> new Highlighter(tty);
            default -> throw new UsageException("--color must be auto, always or never, was '" + color + "'");
        };
    }

    /** Prints {@code message} on stderr and returns {@code code}'s status. */
    protected int fail(ExitCode code, String message) {
        err().println(spec.qualifiedName() + ": " + message);
        err().flush();
        return code.code();
    }

    private static String describe(MqttException e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        return (m == null ? "MQTT error " + e.getReasonCode() : m) + (c != null && c.getMessage() != null ? " (" + c.getMessage() + ")" : "");
    }

    /** A usage mistake found after parsing (exit code 2). */
    /** Something made of the command's arguments that may refuse them (an {@link IllegalArgumentException}). */
    @FunctionalInterface
    interface FromArguments<T, X extends Exception> {
        T make() throws X;
    }

    /**
     * What {@code make} makes of the command's arguments; an {@link IllegalArgumentException} from it
     * (a value out of range, a time that is no time) is a usage error with the same message.
     */
    static <T, X extends Exception> T fromArguments(FromArguments<T, X> make) throws X {
        try {
            return make.make();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public static final class UsageException extends RuntimeException {
        /** @param message what is wrong */
        public UsageException(String message) {
            super(message);
        }
    }
}
