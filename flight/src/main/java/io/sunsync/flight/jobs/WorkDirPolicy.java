package io.sunsync.flight.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to a process job's working directory when it is started again. */
public enum WorkDirPolicy {
    /** Emptied before every start (the checkpoint directory is separate and always kept). */
    @JsonProperty("fresh") FRESH,
    /** Kept across restarts of the same job. */
    @JsonProperty("keep") KEEP
}
