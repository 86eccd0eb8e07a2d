package io.sunsync.hal.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Whole file trees on disk. Stateless; safe from any thread, though two callers deleting the same
 * tree at once is their own race (each tolerates what the other already removed).
 */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything under it, deepest first, without following links (a link
     * is deleted, not what it points to). A missing tree, or a file already gone, is fine.
     *
     * @throws IOException when something cannot be read or deleted; what was deleted before stays deleted
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
