-- Refund events by store, for the needs-attention list (the latest state of each refund) and
-- reconciliation; refunds are a small share of the log, so the partial index stays small.
create index order_events_refunds on order_events (store_id, order_id) where type = 'refund';
-- statement-breakpoint
-- Payment notifications by the instant they were paid: a day's reconciliation and a bill's day.
create index payments_paid_at on payments (store_id, paid_at);
