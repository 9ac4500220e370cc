"""jupyter_kernel_test suite for the aiolab kernel.

Run with /usr/bin/python3 (Debian's python3-jupyter-kernel-test). The kernel spec is looked up by name
(AIOLAB_KERNEL_NAME, default "aiolab") on JUPYTER_PATH.
"""
import os
import unittest

import jupyter_kernel_test as jkt


class AiolabKernelTests(jkt.KernelTests):
    kernel_name = os.environ.get("AIOLAB_KERNEL_NAME", "aiolab")
    language_name = "java"
    file_extension = ".jsh"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [
        {"text": "Math.flo", "matches": {"floor(", "floorDiv(", "floorMod("}},
        {"text": "int q = 1; Integer.MAX_V", "matches": {"MAX_VALUE"}},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", "class A { }", "%classpath /tmp"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "class B {", "int[] a = {1, 2"]
    invalid_code_samples = ["int x = 1)", "int y = ;", "}"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"aio" + "lab"', "result": "aiolab"},
        {"code": 'Table.create("t", IntColumn.create("x", 1, 2))', "mime": "text/html"},
        {"code": "new XYChart(200, 150)", "mime": "image/png"},
    ]
    code_display_data = [
        {"code": 'display(Table.create("t", IntColumn.create("x", 1, 2)));', "mime": "text/html"},
        {"code": "display(new XYChart(200, 150));", "mime": "image/png"},
        {"code": 'display(new XYChart(200, 150), "image/svg+xml");', "mime": "image/svg+xml"},
    ]

    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = 'System.out.println("soon gone"); clearOutput();'


if __name__ == "__main__":
    unittest.main(verbosity=2)
