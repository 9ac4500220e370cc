package dev.aiolab.lab;

/** The aiolab version recorded in manifests: the jar's implementation version, or {@code dev} from classes. */
public final class Version {
    private Version() {}

    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
