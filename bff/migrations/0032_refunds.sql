-- Refunds we owe (a failed 拼团, a cancelled paid booking, a payment that came too late), run as a saga:
--   pending   → the refund API was not yet asked (or asking failed and will be retried)
--   requested → the API accepted it (PROCESSING/SUCCESS); we wait for REFUND.SUCCESS on the notify
--               endpoint, and query the API again when it is late
--   succeeded → the REFUND.SUCCESS notification was ingested: the order carries `wechatpay:<out_refund_no>`
--   failed    → the API refused it for good (e.g. NOT_ENOUGH balance is retried, PARAM_ERROR is not)
-- `out_refund_no` is the idempotency key at every step: the row's primary key here, WeChat Pay's
-- "one refund per out_refund_no" on the API, and the refund's id on the order. A refund is never owed twice.
create table refund_sagas (
  store_id text not null,
  out_refund_no text not null,
  -- WeChat Pay's out_trade_no: our order's id.
  order_id text not null,
  amount_fen integer not null,
  total_fen integer not null,
  reason text not null,
  source text not null,
  status text not null check (status in ('pending', 'requested', 'succeeded', 'failed')),
  refund_id text,
  attempts integer not null default 0,
  next_attempt_ms bigint not null,
  last_error text,
  created_ms bigint not null,
  updated_ms bigint not null,
  primary key (store_id, out_refund_no)
);
-- statement-breakpoint
create index refund_sagas_due on refund_sagas (next_attempt_ms) where status in ('pending', 'requested');
-- statement-breakpoint
create index refund_sagas_order on refund_sagas (store_id, order_id);
-- statement-breakpoint
-- The simulated WeChat Pay's own ledger (bff/src/groupbuy/refund-api.ts). It stands in for the platform's
-- servers, which keep their state whatever happens to the BFF: one refund per (mchid, out_refund_no), and
-- whether its REFUND.SUCCESS notification was acknowledged (unacknowledged ones are sent again).
create table sim_wechatpay_refunds (
  mchid text not null,
  out_refund_no text not null,
  store_id text not null,
  out_trade_no text not null,
  refund_id text not null,
  refund_fen integer not null,
  total_fen integer not null,
  status text not null,
  created_ms bigint not null,
  success_ms bigint,
  notified_ms bigint,
  notify_attempts integer not null default 0,
  primary key (mchid, out_refund_no)
);
-- statement-breakpoint
create index sim_wechatpay_refunds_unnotified on sim_wechatpay_refunds (store_id) where notified_ms is null;
