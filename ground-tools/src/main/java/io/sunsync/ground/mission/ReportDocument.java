package io.sunsync.ground.mission;

import java.util.ArrayList;
import java.util.List;

/**
 * A small document (headings, paragraphs, bullet lists, tables, images) written once and rendered
 * both as Markdown and as a self-contained HTML page, so the two reports never disagree.
 * Paragraph and cell text is plain text; {@code `code`} spans are kept in both renderings.
 *
 * <p>Not thread safe: one thread builds it, then renders it.
 */
public final class ReportDocument {
    private sealed interface Block permits Heading, Para, Bullets, Table, Image {
    }

    private record Heading(int level, String text) implements Block {
    }

    private record Para(String text) implements Block {
    }

    private record Bullets(List<String> items) implements Block {
    }

    private record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    private record Image(String file, String alt) implements Block {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    /** A document titled {@code title}. */
    public ReportDocument(String title) {
        this.title = title;
    }

    public ReportDocument heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    public ReportDocument para(String text) {
        blocks.add(new Para(text));
        return this;
    }

    public ReportDocument bullets(List<String> items) {
        if (!items.isEmpty()) {
            blocks.add(new Bullets(List.copyOf(items)));
        }
        return this;
    }

    /** A table; every row must have as many cells as the header. */
    public ReportDocument table(List<String> header, List<List<String>> rows) {
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells, the header " + header.size());
            }
        }
        blocks.add(new Table(List.copyOf(header), rows.stream().map(List::copyOf).toList()));
        return this;
    }

    /** An image file next to the report. */
    public ReportDocument image(String file, String alt) {
        blocks.add(new Image(file, alt));
        return this;
    }

    /** The document as GitHub-flavoured Markdown. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                sb.append("#".repeat(h.level() + 1)).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Para p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Bullets l) {
                l.items().forEach(i -> sb.append("- ").append(i).append('\n'));
                sb.append('\n');
            } else if (b instanceof Table t) {
                sb.append(row(t.header())).append('|');
                t.header().forEach(h -> sb.append("---|"));
                sb.append('\n');
                t.rows().forEach(r -> sb.append(row(r)));
                sb.append('\n');
            } else if (b instanceof Image i) {
                sb.append("![").append(i.alt()).append("](").append(i.file()).append(")\n\n");
            }
        }
        return sb.toString();
    }

    private static String row(List<String> cells) {
        StringBuilder sb = new StringBuilder("|");
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        return sb.append('\n').toString();
    }

    /** The document as one HTML page (no external resources but the images beside it). */
    public String html() {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;"
                        + "padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
                        + "padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}code{background:#f3f3f3;"
                        + "padding:0 3px}img{max-width:100%}</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                sb.append("<h").append(h.level() + 1).append('>').append(inline(h.text()))
                        .append("</h").append(h.level() + 1).append(">\n");
            } else if (b instanceof Para p) {
                sb.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (b instanceof Bullets l) {
                sb.append("<ul>\n");
                l.items().forEach(i -> sb.append("<li>").append(inline(i)).append("</li>\n"));
                sb.append("</ul>\n");
            } else if (b instanceof Table t) {
                sb.append("<table><tr>");
                t.header().forEach(h -> sb.append("<th>").append(inline(h)).append("</th>"));
                sb.append("</tr>\n");
                for (List<String> r : t.rows()) {
                    sb.append("<tr>");
                    r.forEach(c -> sb.append("<td>").append(inline(c)).append("</td>"));
                    sb.append("</tr>\n");
                }
                sb.append("</table>\n");
            } else if (b instanceof Image i) {
                sb.append("<p><img src=\"").append(esc(i.file())).append("\" alt=\"").append(esc(i.alt()))
                        .append("\"></p>\n");
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    /** Escapes HTML and turns {@code `code`} and {@code **bold**} spans into tags. */
    static String inline(String text) {
        String e = esc(text);
        e = e.replaceAll("`([^`]*)`", "<code>$1</code>");
        return e.replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
