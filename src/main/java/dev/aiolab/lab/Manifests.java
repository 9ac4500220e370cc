package dev.aiolab.lab;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.aiolab.kernel.KernelConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a run's manifest back into the experiment that produced it. */
final class Manifests {
    private Manifests() {}

    static Map<String, Object> parse(String json) {
        try {
            Map<String, Object> m = new Gson().fromJson(json, new TypeToken<LinkedHashMap<String, Object>>() { }.getType());
            if (m == null) {
                throw new IllegalArgumentException("manifest: empty text; accepted: the JSON of RunResult.manifestJson()");
            }
            return m;
        } catch (com.google.gson.JsonParseException e) {
            throw new IllegalArgumentException("manifest: not valid JSON (" + e.getMessage() + "); accepted: the "
                    + "JSON of RunResult.manifestJson()", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Map<String, Object> m, String name, Class<T> type) {
        Object v = m.get(name);
        if (v == null) {
            throw new IllegalArgumentException("manifest: field '" + name + "' is missing; accepted: a manifest "
                    + "written by RunResult.manifest()");
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("manifest: field '" + name + "' is " + v.getClass().getSimpleName()
                    + ", expected " + type.getSimpleName());
        }
        return (T) v;
    }

    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    static Experiment experiment(Map<String, Object> manifest) {
        Map<String, Object> machine = field(manifest, "machine", Map.class);
        Machine.Builder mb = Machine.builder()
                .cpus(Integer.parseInt(text(machine.get("cpus"))))
                .memory(text(machine.get("memory")));
        Map<String, Object> disk = field(machine, "disk", Map.class);
        Map<String, String> d = new LinkedHashMap<>();
        disk.forEach((k, v) -> d.put(k, text(v)));
        mb.disk(Disk.fromMap(d));
        Map<String, Object> files = field(machine, "files", Map.class);
        files.forEach((name, size) -> mb.file(name, text(size)));
        Map<String, Object> kernel = field(machine, "kernel", Map.class);
        Map<String, Object> params = field(kernel, "parameters", Map.class);
        Map<String, String> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, text(v)));
        mb.kernel(KernelConfig.fromMap(text(kernel.get("name")), p));
        Experiment x = Experiment.on(mb.build()).seed(Long.parseLong(text(field(manifest, "seed", Object.class))));
        for (Object j : field(manifest, "jobs", List.class)) {
            Map<String, String> opts = new LinkedHashMap<>();
            ((Map<String, Object>) j).forEach((k, v) -> opts.put(k, text(v)));
            x.job(Job.fromMap(opts));
        }
        if ("aggregates".equals(manifest.get("records"))) {
            x.aggregatesOnly();
        }
        if (manifest.get("timeline_interval") != null) {
            x.timelineInterval(text(manifest.get("timeline_interval")));
        }
        if (manifest.get("label") != null) {
            x.label(text(manifest.get("label")));
        }
        return x;
    }
}
