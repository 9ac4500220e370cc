/** XChart figures of {@link dev.aiolab.lab.RunResult}s: {@link dev.aiolab.chart.Charts}. */
package dev.aiolab.chart;
