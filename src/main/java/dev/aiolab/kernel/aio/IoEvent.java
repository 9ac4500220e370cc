package dev.aiolab.kernel.aio;

/** {@code struct io_event}: the completion of one iocb, as {@code io_getevents} returns it. */
public record IoEvent(long data, long iocbId, long res, long res2) {}
