package io.sunsync.hal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesTest {
    @Test
    void sha256OfAbcIsTheFips180Example() throws Exception {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(abc);
        assertThat(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))).hasSize(32);
    }

    @Test
    void aFilesDigestIsTheDigestOfItsBytesAcrossReadBlocks(@TempDir Path dir) throws Exception {
        byte[] data = new byte[200_000]; // more than three 64 KiB blocks
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Path f = Files.write(dir.resolve("f.bin"), data);
        assertThat(Sha256.hex(f)).isEqualTo(Sha256.hex(data));
    }

    @Test
    void deletingATreeRemovesItAndALinkInItButNotWhatTheLinkPointsTo(@TempDir Path dir) throws Exception {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep");
        Path root = Files.createDirectories(dir.resolve("root/a/b"));
        Files.writeString(root.resolve("x.txt"), "x");
        Files.createSymbolicLink(dir.resolve("root/a/link"), outside);
        FileTrees.deleteTree(dir.resolve("root"));
        assertThat(dir.resolve("root")).doesNotExist();
        assertThat(outside).hasContent("keep");
        FileTrees.deleteTree(dir.resolve("root")); // missing is fine
    }
}
