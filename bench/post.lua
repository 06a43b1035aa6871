-- wrk script for bench/overhead.sh: every target gets the same POST.
-- BENCH_BODY and BENCH_AUTH come from the environment (set by overhead.sh).
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
  or '{"model":"gpt-4.1","messages":[{"role":"user","content":"Say hello"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_AUTH") or "mk-bench-0123456789")
