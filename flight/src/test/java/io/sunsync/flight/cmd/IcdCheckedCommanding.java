package io.sunsync.flight.cmd;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the dispatcher's tests share: a fresh {@link CommandingFixture} in its own folder for each
 * test, and after the test every verification report it sent checked against the ICD's schema.
 * One test class thread owns it.
 */
abstract class IcdCheckedCommanding {
    @TempDir
    Path dir;
    CommandingFixture f;

    @BeforeEach
    void boot() throws Exception {
        f = new CommandingFixture(dir);
    }

    @AfterEach
    void everyReportMatchesTheIcd() {
        f.assertReportsMatchTheIcd();
    }
}
