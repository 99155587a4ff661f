from core.view.rates import RateCounter, Rates


def test_a_counter_counts_the_last_second_and_keeps_a_bounded_history():
    c = RateCounter(kept=5)
    for t in (0.0, 0.5, 1.2, 1.4, 1.9, 2.0):
        c.tick(t)
    assert c.per_second(2.0) == 4 and len(c.times) == 5


def test_rates_say_frames_and_results_and_the_latency():
    r = Rates()
    for i in range(10):
        r.frame_shown(10.0 + i * 0.04)
    r.result_shown(10.3, captured_at=10.25)
    r.result_shown(10.36)  # no capture time: the latency stays the last known
    assert r.per_second(10.4) == (10, 2)
    assert abs(r.last_latency_s - 0.05) < 1e-9
