package io.sunsync.bench.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config file of a flight under test on sim hardware, as the campaigns write it
 * (docs/configuration.md): the satellite, its link to the campaign's broker (a day's session expiry)
 * with a group-fsynced outbox, housekeeping every second, commanding with the key file {@link CampaignSigner#writeKeyFile}
 * writes, jobs, and every device on the sim backend; the outbox, commanding and job state under one
 * folder. A campaign sets what it needs beyond that by the key's dotted path
 * ({@code with("hardware.backends.sim.boards", 8)}).
 *
 * <p>Not thread safe: one campaign thread builds and writes it.
 */
final class SimFlightConfig {
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

    private final String writtenBy;
    private final Map<String, Object> root = new LinkedHashMap<>();

    private SimFlightConfig(String writtenBy) {
        this.writtenBy = writtenBy;
    }

    /**
     * The common part.
     *
     * @param writtenBy what writes it, for the file's first comment (e.g. "the hostile campaign")
     * @param sat       satellite id
     * @param brokerUrl the broker flight connects to
     * @param stateDir  the folder, relative to the config file, for the outbox, commanding and jobs state
     */
    static SimFlightConfig of(String writtenBy, String sat, String brokerUrl, String stateDir) {
        SimFlightConfig c = new SimFlightConfig(writtenBy);
        c.with("satellite.id", sat)
                .with("link.broker", brokerUrl)
                .with("link.sessionExpiryS", 86400)
                .with("link.outbox.dir", stateDir + "/outbox")
                .with("link.outbox.fsync", "group")
                .with("telemetry.housekeepingPeriodS", 1.0)
                .with("commanding.keyFile", CampaignSigner.KEY_FILE)
                .with("commanding.stateDir", stateDir + "/commanding")
                .with("jobs.dataDir", stateDir + "/jobs");
        for (String device : new String[] {"clock", "power", "thermal", "accelerators"}) {
            c.with("hardware." + device + ".backend", "sim");
        }
        return c;
    }

    /**
     * Sets {@code path} (dotted, e.g. {@code link.sessionExpiryS}) to {@code value} (a string,
     * number or boolean), creating the sections on the way, replacing a value already set.
     */
    @SuppressWarnings("unchecked")
    SimFlightConfig with(String path, Object value) {
        String[] keys = path.split("\\.");
        Map<String, Object> section = root;
        for (int i = 0; i < keys.length - 1; i++) {
            Object next = section.computeIfAbsent(keys[i], k -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map)) {
                throw new IllegalArgumentException(path + ": " + keys[i] + " is a value, not a section");
            }
            section = (Map<String, Object>) next;
        }
        section.put(keys[keys.length - 1], value);
        return this;
    }

    /** The YAML text. */
    String yaml() {
        try {
            return "# written by " + writtenBy + "\n" + YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes it to {@code file}, replacing what was there. */
    void write(Path file) throws IOException {
        Files.writeString(file, yaml());
    }
}
