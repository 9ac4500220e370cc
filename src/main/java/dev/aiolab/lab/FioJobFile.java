package dev.aiolab.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads fio job files: sections of {@code option=value} lines, {@code [global]} options applying to
 * the jobs that follow, {@code ;} and {@code #} comments, and value-less flags ({@code direct} means
 * {@code direct=1}). {@code ioengine} chooses {@link Job#aio} ({@code libaio}) or {@link Job#sync}
 * ({@code sync}, {@code psync}, fio's default). Options aiolab does not model are rejected, all of
 * them named in one message with their lines, rather than silently ignored.
 */
public final class FioJobFile {
    private FioJobFile() {}

    private record Line(int number, String key, String value) {}

    /** The jobs of {@code text}, in file order. */
    public static List<Job> parse(String text) {
        Map<String, List<Line>> sections = new LinkedHashMap<>();
        List<Line> global = new ArrayList<>();
        Map<String, List<Line>> globalAt = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        String current = null;
        int n = 0;
        for (String raw : text.split("\r?\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new IllegalArgumentException("fio job file, line " + n + ": '" + raw
                            + "' is not a section header; accepted: [name]");
                }
                current = line.substring(1, line.length() - 1).strip();
                if (!current.equals("global")) {
                    if (sections.containsKey(current)) {
                        throw new IllegalArgumentException("fio job file, line " + n + ": job [" + current
                                + "] appears twice");
                    }
                    sections.put(current, new ArrayList<>());
                    globalAt.put(current, List.copyOf(global));
                }
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException("fio job file, line " + n + ": option '" + line
                        + "' outside any section; accepted: options under [global] or [jobname]");
            }
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip();
            String value = eq < 0 ? "1" : line.substring(eq + 1).strip();
            if (key.equalsIgnoreCase("name")) {
                continue; // fio's name= is the section name here
            }
            if (!Job.known(key)) {
                unknown.add("'" + key + "' (line " + n + ")");
                continue;
            }
            Line l = new Line(n, key, value);
            if (current.equals("global")) {
                global.add(l);
            } else {
                sections.get(current).add(l);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("fio job file: unknown option" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; accepted: " + String.join(", ", Job.OPTIONS));
        }
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("fio job file: no job section; accepted: at least one [jobname]");
        }
        List<Job> jobs = new ArrayList<>();
        for (Map.Entry<String, List<Line>> e : sections.entrySet()) {
            List<Line> lines = new ArrayList<>(globalAt.get(e.getKey()));
            lines.addAll(e.getValue());
            String engine = "psync";
            for (Line l : lines) {
                if (Job.canonical(l.key()).equals("ioengine")) {
                    engine = l.value();
                }
            }
            Job.Builder b;
            try {
                b = Job.withEngine(e.getKey(), engine);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("fio job file, job [" + e.getKey() + "]: " + ex.getMessage(), ex);
            }
            for (Line l : lines) {
                try {
                    b.option(l.key(), l.value());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("fio job file, line " + l.number() + ": " + ex.getMessage(), ex);
                }
            }
            try {
                jobs.add(b.build());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("fio job file, job [" + e.getKey() + "]: " + ex.getMessage(), ex);
            }
        }
        return jobs;
    }

    /** Writes {@code jobs} as a fio job file that {@link #parse} reads back to the same jobs. */
    public static String format(List<Job> jobs) {
        StringBuilder sb = new StringBuilder();
        for (Job j : jobs) {
            sb.append('[').append(j.name()).append("]\n");
            j.toMap().forEach((k, v) -> {
                if (!k.equals("name")) {
                    sb.append(k).append('=').append(v).append('\n');
                }
            });
            sb.append('\n');
        }
        return sb.toString();
    }
}
