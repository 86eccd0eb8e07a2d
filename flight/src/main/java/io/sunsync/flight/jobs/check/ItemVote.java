package io.sunsync.flight.jobs.check;

import io.sunsync.flight.jobs.results.ResultFile;
import io.sunsync.flight.jobs.results.ResultManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares work items' outputs by their SHA-256 in the results' manifests (the files
 * {@code items/<i>}): where a job and its sample run disagree, and, with a third board's referee
 * run, who was wrong. A referee's output decides by majority; three different outputs decide
 * nothing (both suspects are computed again, neither blamed). Stateless.
 */
final class ItemVote {
    /** The folder of item outputs in a result. */
    static final String ITEMS = "items/";

    private ItemVote() {
    }

    /** Each item's output hash in {@code m} (files {@code items/<i>}, {@code items/<i>.<ext>} taken as item i). */
    static Map<Integer, String> hashes(ResultManifest m) {
        Map<Integer, String> out = new HashMap<>();
        for (ResultFile f : m.files()) {
            if (!f.path().startsWith(ITEMS)) {
                continue;
            }
            String name = f.path().substring(ITEMS.length());
            int dot = name.indexOf('.');
            String index = dot < 0 ? name : name.substring(0, dot);
            if (!index.isEmpty() && index.length() <= 9 && index.chars().allMatch(Character::isDigit)) {
                out.merge(Integer.parseInt(index), f.sha256(), (a, b) -> a + "+" + b);
            }
        }
        return out;
    }

    /** Items of {@code items} whose outputs in {@code a} and {@code b} differ, or that either lacks. */
    static List<Integer> disagreements(Map<Integer, String> a, Map<Integer, String> b, List<Integer> items) {
        List<Integer> out = new ArrayList<>();
        for (int i : items) {
            String x = a.get(i);
            if (x == null || !x.equals(b.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The referee's verdict on the disputed items.
     *
     * @param jobWrong    items the job computed wrong (the sample and the referee agree against it)
     * @param sampleWrong items the sample run computed wrong (the job and the referee agree)
     * @param undecided   items with three different outputs (or missing ones)
     */
    record Verdict(List<Integer> jobWrong, List<Integer> sampleWrong, List<Integer> undecided) {
    }

    static Verdict decide(Map<Integer, String> job, Map<Integer, String> sample, Map<Integer, String> referee,
                          List<Integer> disputed) {
        List<Integer> jobWrong = new ArrayList<>();
        List<Integer> sampleWrong = new ArrayList<>();
        List<Integer> undecided = new ArrayList<>();
        for (int i : disputed) {
            String j = job.get(i);
            String s = sample.get(i);
            String r = referee.get(i);
            if (r != null && r.equals(s) && !r.equals(j)) {
                jobWrong.add(i);
            } else if (r != null && r.equals(j) && !r.equals(s)) {
                sampleWrong.add(i);
            } else {
                undecided.add(i);
            }
        }
        return new Verdict(jobWrong, sampleWrong, undecided);
    }
}
