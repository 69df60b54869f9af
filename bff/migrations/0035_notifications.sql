-- The outbox of WeChat subscribe messages (order ready, booking reminder, 拼团 outcome). A message is queued
-- in the transaction that decided it, once per `dedupe_key`, and sent by the background rounds; the demo
-- has no WeChat to send to, so its sender records WeChat's success answer.
create table notifications (
  store_id text not null,
  id text not null,
  kind text not null,
  dedupe_key text not null,
  -- The subscribeMessage.send body: touser, template_id, page, data, miniprogram_state, lang.
  message jsonb not null,
  status text not null check (status in ('queued', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_ms bigint not null,
  result jsonb,
  created_ms bigint not null,
  sent_ms bigint,
  primary key (store_id, id),
  unique (store_id, dedupe_key)
);
-- statement-breakpoint
create index notifications_due on notifications (next_attempt_ms) where status = 'queued';
-- statement-breakpoint
create index notifications_recent on notifications (store_id, created_ms desc);
