"""Protocol tests of the aiolab kernel with a real jupyter_client: the faults of the base library and the
promises of the kernel that jupyter_kernel_test does not cover.

Run with /usr/bin/python3. The kernel spec is looked up by name (AIOLAB_KERNEL_NAME, default "aiolab").
"""
import os
import queue
import tempfile
import time
import unittest

from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

KERNEL = os.environ.get("AIOLAB_KERNEL_NAME", "aiolab")
TIMEOUT = 30


class KernelProtocolTests(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.log = tempfile.NamedTemporaryFile(prefix="aiolab-kernel-", suffix=".log", delete=False)
        cls.km = KernelManager(kernel_name=KERNEL)
        cls.km.start_kernel(stderr=cls.log)
        cls.kc = cls.km.client()
        cls.kc.start_channels()
        cls.kc.wait_for_ready(timeout=TIMEOUT)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)
        cls.log.close()
        os.unlink(cls.log.name)

    def setUp(self):
        self.drain(self.kc.get_iopub_msg)
        self.drain(self.kc.get_shell_msg)

    @staticmethod
    def drain(get_msg):
        while True:
            try:
                get_msg(timeout=0.05)
            except queue.Empty:
                return

    def shell_reply(self, msg_id, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                msg = self.kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
        return None

    def iopub_until_idle(self, msg_id, timeout=TIMEOUT):
        """Every iopub message whose parent is msg_id, up to its idle status."""
        out = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            out.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return out
        self.fail("no idle status for " + msg_id)

    def execute(self, code, timeout=TIMEOUT):
        msg_id = self.kc.execute(code)
        reply = self.shell_reply(msg_id, timeout)
        self.assertIsNotNone(reply, "no execute_reply for " + code)
        return msg_id, reply

    def test_kernel_info_reply_has_status_ok(self):
        msg_id = self.kc.kernel_info()
        reply = self.shell_reply(msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(reply["content"]["language_info"]["name"], "java")

    def test_comm_info_and_history_replies_have_status_ok(self):
        msg_id = self.kc.comm_info()
        self.assertEqual(self.shell_reply(msg_id)["content"]["status"], "ok")
        msg_id = self.kc.history(hist_access_type="tail", n=3)
        self.assertEqual(self.shell_reply(msg_id)["content"]["status"], "ok")

    def test_comm_open_to_an_unknown_target_is_answered_by_comm_close(self):
        msg = self.kc.session.msg("comm_open", {"comm_id": "probe-1", "target_name": "no.such.target", "data": {}})
        self.kc.shell_channel.send(msg)
        closes = [m for m in self.iopub_until_idle(msg["header"]["msg_id"]) if m["msg_type"] == "comm_close"]
        self.assertEqual([c["content"]["comm_id"] for c in closes], ["probe-1"])

    def test_bad_signature_gets_no_reply_and_the_next_good_request_is_answered(self):
        forger = Session(key=b"not-the-connection-key", session=self.kc.session.session,
                         username=self.kc.session.username)
        bad = forger.msg("kernel_info_request", {})
        forger.send(self.kc.shell_channel.socket, bad)
        self.assertIsNone(self.shell_reply(bad["header"]["msg_id"], timeout=2.0),
                          "a badly signed request was answered")
        good = self.kc.kernel_info()
        reply = self.shell_reply(good, timeout=10)
        self.assertIsNotNone(reply, "the kernel stopped serving after a badly signed request")
        self.assertEqual(reply["content"]["status"], "ok")
        _, reply = self.execute("40 + 2")
        self.assertEqual(reply["content"]["status"], "ok")
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            self.assertIn("invalid HMAC signature", f.read())

    def test_interrupt_returns_control_within_two_seconds(self):
        # Stands in for a long simulation: the engine checks the interrupt flag the same way.
        loop = ("long spins = 0;\n"
                "while (!Thread.currentThread().isInterrupted()) { spins++; }\n"
                "throw new InterruptedException(\"simulation stopped after \" + spins + \" steps\");")
        for code in (loop, "Thread.sleep(60_000);"):
            with self.subTest(code=code.splitlines()[0]):
                msg_id = self.kc.execute(code)
                time.sleep(1.0)
                t0 = time.monotonic()
                self.km.interrupt_kernel()
                reply = self.shell_reply(msg_id, timeout=5)
                elapsed = time.monotonic() - t0
                self.assertIsNotNone(reply)
                self.assertEqual(reply["content"]["status"], "error")
                self.assertLess(elapsed, 2.0, "interrupt took %.2f s" % elapsed)
                _, after = self.execute('"still alive"')
                self.assertEqual(after["content"]["status"], "ok")

    def test_exception_gives_error_reply_with_readable_traceback(self):
        msg_id, reply = self.execute('int depth = 1;\nthrow new IllegalArgumentException("bad depth " + depth);')
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "java.lang.IllegalArgumentException")
        self.assertEqual(reply["content"]["evalue"], "bad depth 1")
        errors = [m for m in self.iopub_until_idle(msg_id) if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        text = "\n".join(errors[0]["content"]["traceback"])
        self.assertIn("IllegalArgumentException: bad depth 1", text)
        self.assertIn("snippet 2", text)

    def test_system_exit_in_a_cell_does_not_kill_the_kernel(self):
        _, reply = self.execute("System.exit(3);")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("System.exit", reply["content"]["evalue"])
        _, reply = self.execute("1 + 1")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertTrue(self.km.is_alive())

    def test_output_from_other_threads_reaches_the_cell_that_started_them(self):
        inside, _ = self.execute(
            'Thread t = new Thread(() -> System.out.println("inside the cell"));\n'
            't.start(); t.join();')
        texts = [m["content"]["text"] for m in self.iopub_until_idle(inside) if m["msg_type"] == "stream"]
        self.assertIn("inside the cell", "".join(texts))

        first, _ = self.execute(
            'new Thread(() -> {\n'
            '    try { Thread.sleep(500); } catch (InterruptedException e) { return; }\n'
            '    System.out.println("late from the first cell");\n'
            '}).start();')
        second, _ = self.execute('Thread.sleep(1500); System.out.println("second cell");')
        seen = {}
        deadline = time.monotonic() + 10
        while len(seen) < 2 and time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=0.5)
            except queue.Empty:
                continue
            if msg["msg_type"] == "stream":
                for line in msg["content"]["text"].splitlines():
                    seen[line] = msg["parent_header"].get("msg_id")
        self.assertEqual(seen.get("late from the first cell"), first)
        self.assertEqual(seen.get("second cell"), second)

    def test_update_display_and_progress(self):
        msg_id, reply = self.execute(
            'Progress p = Progress.start("sweep");\n'
            'for (int i = 1; i <= 5; i++) { Thread.sleep(120); p.update(i / 5.0, "point " + i); }\n'
            'p.done();')
        self.assertEqual(reply["content"]["status"], "ok")
        msgs = self.iopub_until_idle(msg_id)
        shown = [m for m in msgs if m["msg_type"] == "display_data"]
        updates = [m for m in msgs if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(shown), 1)
        display_id = shown[0]["content"]["transient"]["display_id"]
        self.assertGreaterEqual(len(updates), 2)
        self.assertTrue(all(u["content"]["transient"]["display_id"] == display_id for u in updates))
        self.assertEqual(updates[-1]["content"]["data"]["text/plain"], "", "the bar is removed when done")


if __name__ == "__main__":
    unittest.main(verbosity=2)
