/**
 * What a notebook touches: {@link dev.aiolab.lab.Machine}, {@link dev.aiolab.lab.Disk} and
 * {@link dev.aiolab.lab.Job} descriptions in fio's vocabulary (also read from fio job files), the
 * {@link dev.aiolab.lab.RunResult} of a run and {@link dev.aiolab.lab.Sweep}s over parameters.
 */
package dev.aiolab.lab;
