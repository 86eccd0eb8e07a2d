package io.sunsync.flight.jobs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How to run a process job.
 *
 * @param command  the command line, program first (no shell unless you name one), 1..256
 *                 non-empty arguments of at most 4096 characters
 * @param env      extra environment variables (names {@code [A-Za-z_][A-Za-z0-9_]*}, at most 64);
 *                 may not set {@code SUNSYNC_*} or {@code CUDA_VISIBLE_DEVICES}, which the
 *                 runner sets
 * @param workDir  what happens to the working directory on a restart (default {@code fresh})
 */
public record ProcessSpec(List<String> command, Map<String, String> env, WorkDirPolicy workDir) {
    /** Most arguments in a command line. */
    public static final int MAX_ARGS = 256;
    /** Longest argument or environment value, in characters. */
    public static final int MAX_ARG_CHARS = 4096;
    /** Most extra environment variables. */
    public static final int MAX_ENV = 64;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public ProcessSpec {
        command = checkedCommand("process.command", command);
        env = env == null ? Map.of() : env;
        if (env.size() > MAX_ENV) {
            throw new JobSpecException(JobRejectReason.BAD_ENV, "process.env", "has " + env.size() + " variables, at most " + MAX_ENV);
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!ENV_NAME.matcher(name).matches()) {
                throw new JobSpecException(JobRejectReason.BAD_ENV, "process.env." + name, "is not a valid variable name");
            }
            if (name.startsWith("SUNSYNC_") || name.equals("CUDA_VISIBLE_DEVICES")) {
                throw new JobSpecException(JobRejectReason.BAD_ENV, "process.env." + name,
                        "is set by the job runner and may not be given in a spec");
            }
            String value = e.getValue();
            if (value == null || value.length() > MAX_ARG_CHARS || value.indexOf('\0') >= 0) {
                throw new JobSpecException(JobRejectReason.BAD_ENV, "process.env." + name,
                        "value must be a string of at most " + MAX_ARG_CHARS + " characters without NUL");
            }
        }
        env = java.util.Collections.unmodifiableMap(new TreeMap<>(env));
        workDir = workDir == null ? WorkDirPolicy.FRESH : workDir;
    }

    /**
     * A command line checked as a job's: 1..{@value #MAX_ARGS} arguments, the program non-blank,
     * none null, longer than {@value #MAX_ARG_CHARS} characters or holding NUL; refused naming
     * {@code field}.
     */
    static List<String> checkedCommand(String field, List<String> command) {
        if (command == null || command.isEmpty()) {
            throw new JobSpecException(JobRejectReason.MISSING_COMMAND, field, "is required (a non-empty list)");
        }
        if (command.size() > MAX_ARGS) {
            throw new JobSpecException(JobRejectReason.BAD_COMMAND, field,
                    "has " + command.size() + " arguments, at most " + MAX_ARGS);
        }
        for (int i = 0; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg == null || (i == 0 && arg.isBlank())) {
                throw new JobSpecException(i == 0 ? JobRejectReason.MISSING_COMMAND : JobRejectReason.BAD_COMMAND,
                        field + "[" + i + "]", "must be a non-empty string");
            }
            if (arg.length() > MAX_ARG_CHARS || arg.indexOf('\0') >= 0) {
                throw new JobSpecException(JobRejectReason.BAD_COMMAND, field + "[" + i + "]",
                        "longer than " + MAX_ARG_CHARS + " characters or contains NUL");
            }
        }
        return List.copyOf(command);
    }
}
