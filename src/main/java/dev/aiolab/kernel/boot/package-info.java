/**
 * Assembly of a whole machine ({@link dev.aiolab.kernel.boot.Kernel}) and the stack benchmark hook
 * ({@link dev.aiolab.kernel.boot.StackBench}). Imports point one way: sched, block, mm, fs, boot.
 */
package dev.aiolab.kernel.boot;
