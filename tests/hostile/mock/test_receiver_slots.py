"""Issue 11 item 12, the mechanism: per-receiver slots bound concurrency per origin, leave other
origins alone, and forget an origin once nothing uses it."""

from __future__ import annotations

import asyncio

from connectpsp_mock.receiver_slots import HostSlots


def test_slots_are_per_origin_and_forgotten_when_unused() -> None:
    async def scenario() -> None:
        slots = HostSlots(2)
        release = asyncio.Event()
        running: dict[str, int] = {"slow": 0, "fast": 0}
        peak = {"slow": 0}

        async def slow() -> None:
            async with slots.hold("http://127.0.0.1:9001/hook"):
                running["slow"] += 1
                peak["slow"] = max(peak["slow"], running["slow"])
                await release.wait()
                running["slow"] -= 1

        stuck = [asyncio.create_task(slow()) for _ in range(10)]
        await asyncio.sleep(0.05)
        assert running["slow"] == 2  # the other 8 wait for this origin's slots
        assert slots.origins == 1
        # Another origin (even the same host on another port) is not held up at all.
        async with asyncio.timeout(1):
            async with slots.hold("http://127.0.0.1:9002/hook"):
                assert slots.origins == 2
        assert slots.origins == 1
        release.set()
        await asyncio.gather(*stuck)
        assert peak["slow"] == 2
        assert slots.origins == 0  # nothing left behind

    asyncio.run(scenario())


def test_a_cancelled_waiter_frees_its_entry() -> None:
    async def scenario() -> None:
        slots = HostSlots(1)
        gate = asyncio.Event()

        async def hold() -> None:
            async with slots.hold("https://receiver.test/hook"):
                await gate.wait()

        first = asyncio.create_task(hold())
        await asyncio.sleep(0.01)
        waiter = asyncio.create_task(hold())
        await asyncio.sleep(0.01)
        waiter.cancel()  # an attempt whose timeout fired while waiting for a slot
        await asyncio.gather(waiter, return_exceptions=True)
        gate.set()
        await first
        assert slots.origins == 0

    asyncio.run(scenario())
