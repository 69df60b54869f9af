-- Passes and subscriptions: plans, bought passes, and the periods the scheduler generated orders for.
create table pass_plans (
  store_id text not null,
  id text not null,
  -- The domain PassPlan plus what the BFF needs (bff/src/passes/plans.ts).
  doc jsonb not null,
  primary key (store_id, id)
);
-- statement-breakpoint
create table subscriptions (
  store_id text not null,
  id text not null,
  plan_id text not null,
  customer_id text not null,
  -- `pending_payment` until the purchase order is paid; then the domain status (active, paused,
  -- cancelled_at_period_end); `expired` is derived from time and never stored.
  status text not null,
  purchase_order_id text not null,
  -- The domain Subscription (redemptions included) once paid.
  doc jsonb,
  -- Period keys the customer skipped (no order; validity extended by the period).
  skipped jsonb not null default '[]',
  -- Drink plans: periods starting before this instant have been generated.
  scheduled_until bigint,
  -- When the scheduler must look at this subscription next; null when nothing can become due.
  next_due_ms bigint,
  created_ms bigint not null,
  updated_ms bigint not null,
  primary key (store_id, id),
  unique (store_id, purchase_order_id)
);
-- statement-breakpoint
create index subscriptions_due on subscriptions (next_due_ms) where next_due_ms is not null;
-- statement-breakpoint
create index subscriptions_customer on subscriptions (store_id, customer_id);
-- statement-breakpoint
-- One generated order per (subscription, period): the key that makes a restart, a second BFF process or a
-- late run create nothing twice. The row and the queued order are written in one transaction.
create table subscription_periods (
  store_id text not null,
  subscription_id text not null,
  period_key text not null,
  period_start bigint not null,
  order_id text not null,
  created_ms bigint not null,
  primary key (store_id, subscription_id, period_key),
  unique (subscription_id, period_key)
);
