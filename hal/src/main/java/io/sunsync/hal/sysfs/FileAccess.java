package io.sunsync.hal.sysfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lowest OS seam of the sysfs backends: reading and writing one attribute file. The real
 * implementation is {@link #DIRECT}; tests may wrap it to make a file fail the way the kernel
 * makes it fail (e.g. {@code EACCES}, which root cannot be denied by file modes in a temp
 * folder). Implementations are stateless and thread safe.
 */
public interface FileAccess {

    /** Longest attribute read, in bytes: sysfs attributes fit in one page (4 KiB); a fake tree could hold more. */
    int MAX_BYTES = 64 * 1024;

    /** Reads the attribute's text (undecodable bytes become U+FFFD, which no parser accepts). */
    String read(Path file) throws IOException;

    /** Writes {@code value} to the attribute, as {@code echo -n value > file} does. */
    void write(Path file, String value) throws IOException;

    /** Plain file system access. */
    FileAccess DIRECT = new FileAccess() {
        @Override
        public String read(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
            }
        }

        @Override
        public void write(Path file, String value) throws IOException {
            // No CREATE: an attribute that is not there is an error, as it is in sysfs.
            Files.writeString(file, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }
    };
}
