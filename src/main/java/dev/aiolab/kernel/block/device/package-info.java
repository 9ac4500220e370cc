/**
 * Storage device models behind the block layer: {@link dev.aiolab.kernel.block.device.Hdd},
 * {@link dev.aiolab.kernel.block.device.SataSsd}, {@link dev.aiolab.kernel.block.device.Nvme},
 * {@link dev.aiolab.kernel.block.device.RamDisk}, and
 * {@link dev.aiolab.kernel.block.device.ServiceTimeDevice} for validation against queueing theory.
 *
 * <p>A device model is one class plus one named parameter set (a record with a cited factory and
 * {@code withX} methods). Every model follows the {@link dev.aiolab.kernel.block.device.Device}
 * contract:
 * <ul>
 *   <li>the driver keeps at most {@code queueDepth()} commands outstanding; one more is refused
 *       with {@link java.lang.IllegalStateException};</li>
 *   <li>{@code submit(cmd, nowNs)} never calls the sink itself: each completion is an event on the
 *       simulation, fired at {@code cmd.completeNs}, so a sink may submit the next command at once;</li>
 *   <li>a command submitted for a later instant ({@code nowNs > sim.now()}) is not served before it;</li>
 *   <li>{@code busyNs()} counts the time with at least one accepted command not yet completed;</li>
 *   <li>models draw randomness only from the stream given to {@code attach} (the HDD its initial
 *       platter angle; the service-time device its service times), never from a wall clock.</li>
 * </ul>
 */
package dev.aiolab.kernel.block.device;
