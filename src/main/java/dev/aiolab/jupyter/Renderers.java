package dev.aiolab.jupyter;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Turns objects into MIME bundles: one renderer per class, found by walking the value's class, its superclasses
 * and interfaces. Adding a rendering is one {@link #register} call.
 *
 * <p>Classes that cannot depend on this package (the lab's {@code RunResult}, for one) take part by duck typing,
 * found by reflection on public methods:
 * <ul>
 *   <li>{@code Map<String, ?> mimeBundle()} - used as the bundle as it is (add {@code text/plain} yourself);</li>
 *   <li>{@code String toHtml()} - becomes {@code text/html}, with {@code toString()} as {@code text/plain}.</li>
 * </ul>
 * A registered renderer wins over duck typing; duck typing wins over the {@code toString()} fallback.
 */
public final class Renderers {

    /** Adds representations of {@code value} to {@code out}; {@code wanted} is empty when the caller has no preference. */
    @FunctionalInterface
    public interface Renderer<T> {
        void render(T value, Set<String> wanted, Map<String, Object> out);
    }

    private final Map<Class<?>, Renderer<?>> byClass = new ConcurrentHashMap<>();
    private volatile int tableRowLimit = 20;
    private volatile Set<String> chartFormats = Set.of("image/png");

    public static Renderers standard() {
        Renderers r = new Renderers();
        r.register(Table.class, (t, wanted, out) -> TableHtml.render(t, r.tableRowLimit, out));
        r.register(Chart.class, r::renderChart);
        r.register(RenderedImage.class, (img, wanted, out) -> out.put("image/png", png(img)));
        return r;
    }

    public <T> void register(Class<T> type, Renderer<? super T> renderer) {
        byClass.put(type, renderer);
    }

    /** How many rows a table shows before it is cut (default 20). */
    public void tableRowLimit(int rows) {
        tableRowLimit = Math.max(1, rows);
    }

    /** The formats charts render to when nothing is asked for: {@code image/png} by default. */
    public void chartFormats(String... mimeTypes) {
        chartFormats = Set.copyOf(Arrays.asList(mimeTypes));
    }

    public MimeBundle render(Object value) {
        return render(value, new String[0]);
    }

    /** Renders {@code value}; when {@code mimeTypes} are given, keeps only those (plus text/plain). */
    public MimeBundle render(Object value, String... mimeTypes) {
        if (value instanceof MimeBundle b) {
            return b;
        }
        Set<String> wanted = new LinkedHashSet<>(Arrays.asList(mimeTypes));
        Map<String, Object> out = new LinkedHashMap<>();
        Renderer<Object> r = find(value == null ? Void.class : value.getClass());
        if (r != null) {
            r.render(value, wanted, out);
        } else if (!duckTyped(value, out)) {
            out.put("text/plain", plainText(value));
        }
        out.putIfAbsent("text/plain", plainText(value));
        if (!wanted.isEmpty()) {
            out.keySet().removeIf(k -> !k.equals("text/plain") && !wanted.contains(k));
        }
        return new MimeBundle(out, Map.of());
    }

    @SuppressWarnings("unchecked")
    private Renderer<Object> find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Renderer<?> r = byClass.get(c);
            if (r != null) {
                return (Renderer<Object>) r;
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                Renderer<?> r = byClass.get(i);
                if (r != null) {
                    return (Renderer<Object>) r;
                }
            }
        }
        return null;
    }

    private static boolean duckTyped(Object value, Map<String, Object> out) {
        if (value == null) {
            return false;
        }
        Object bundle = callPublic(value, "mimeBundle");
        if (bundle instanceof Map<?, ?> m && !m.isEmpty()) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return true;
        }
        Object html = callPublic(value, "toHtml");
        if (html instanceof String s) {
            out.put("text/html", s);
            out.put("text/plain", plainText(value));
            return true;
        }
        return false;
    }

    private static Object callPublic(Object target, String name) {
        try {
            Method m = target.getClass().getMethod(name);
            if (!Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                m.setAccessible(true);
            }
            return m.invoke(target);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private void renderChart(Chart<?, ?> chart, Set<String> wanted, Map<String, Object> out) {
        Set<String> formats = wanted.isEmpty() ? chartFormats : wanted;
        try {
            if (formats.contains("image/png") || formats.isEmpty()) {
                byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
                out.put("image/png", Base64.getEncoder().encodeToString(png));
            }
            if (formats.contains("image/svg+xml")) {
                ByteArrayOutputStream svg = new ByteArrayOutputStream();
                VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                out.put("image/svg+xml", svg.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.put("text/plain", chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\" "
                + chart.getWidth() + "x" + chart.getHeight());
    }

    static String png(RenderedImage img) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(img, "png", bytes);
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String plainText(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            Object[] boxed = {value};
            String s = Arrays.deepToString(boxed);
            return s.substring(1, s.length() - 1);
        }
        return String.valueOf(value);
    }
}
