package dev.aiolab.cli;

/** The {@code aiolab} launcher. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("aiolab");
    }
}
