package dev.aiolab.cli.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;

/**
 * Builds a {@link Workload} in a fresh class loader holding its own copy of our engine, the kernel
 * model and SSJ. The JIT profiles and compiles per class, so each workload measures as if it had a
 * JVM of its own: one row's event classes (or one SSJ event list) cannot make another row's call
 * sites megamorphic. Both engines get the same treatment.
 */
final class Isolated {
    private Isolated() {}

    /** A new {@code cls} (a Workload) from a fresh loader, by its constructor taking {@code types}. */
    static Workload workload(Class<? extends Workload> cls, Class<?>[] types, Object... args) {
        try {
            Class<?> c = Class.forName(cls.getName(), true, new ChildFirst());
            Constructor<?> k = c.getDeclaredConstructor(types);
            k.setAccessible(true);
            return (Workload) k.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + cls.getName() + " in isolation", e);
        }
    }

    private static URL location(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null) {
            throw new IllegalStateException("no code source for " + c);
        }
        return cs.getLocation();
    }

    /** Loads aiolab and SSJ classes itself; everything else, and {@link Workload}, from its parent. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst() {
            super(new URL[] {location(Isolated.class), location(umontreal.ssj.simevents.Simulator.class)},
                    Isolated.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!(name.startsWith("dev.aiolab.") || name.startsWith("umontreal.ssj."))
                    || name.equals(Workload.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

    }
}
