package dev.aiolab.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small string dictionary: names (jobs, ops, engines) become dense int codes, in order of first use. */
final class Dictionary {
    private final String what;
    private final int limit;
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    Dictionary(String what, int limit) {
        this.what = what;
        this.limit = limit;
    }

    int code(String name) {
        Integer c = codes.get(name);
        if (c != null) {
            return c;
        }
        if (names.size() == limit) {
            throw new IllegalStateException("more than " + limit + " distinct " + what + " names");
        }
        int n = names.size();
        codes.put(name, n);
        names.add(name);
        return n;
    }

    String name(int code) {
        if (code < 0 || code >= names.size()) {
            throw new IllegalArgumentException("unknown " + what + " code " + code);
        }
        return names.get(code);
    }

    int size() {
        return names.size();
    }

    List<String> names() {
        return names;
    }
}
