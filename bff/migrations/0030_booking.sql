-- Bookings of time on a resource (a car wash bay). The database itself refuses two blocking bookings
-- overlapping on one resource: an exclusion constraint over the occupied range (service + cleanup
-- buffer), per store and resource, with btree_gist (created by 0001) for the equality parts.
--
-- Only `held` and `confirmed` rows take part. A hold whose `hold_expires_at` has passed still says `held`
-- until it is released, so every writer that books a range first marks the store's lapsed holds
-- `expired` in the same transaction (and the sweeper does so every few seconds); readers ignore lapsed
-- holds by time. Deferred bookings (bay chosen at check-in) have a null resource and never conflict here:
-- their capacity is checked under the store-day lock row below.
create table booking_configs (
  store_id text primary key,
  -- Resources, services, weekly hours, date overrides and policy (bff/src/booking/config.ts).
  doc jsonb not null,
  updated_at timestamptz not null default now()
);
-- statement-breakpoint
create table bookings (
  store_id text not null,
  id text not null,
  service_id text not null,
  sku_id text,
  resource_id text,
  start_ms bigint not null,
  -- End of the occupied range, cleanup buffer included.
  end_ms bigint not null,
  -- End of the service itself, as shown to the customer.
  service_end_ms bigint not null,
  during tstzrange generated always as (
    tstzrange(to_timestamp(start_ms / 1000.0), to_timestamp(end_ms / 1000.0), '[)')
  ) stored,
  status text not null check (status in ('held', 'confirmed', 'cancelled', 'expired')),
  hold_expires_at bigint,
  order_id text not null,
  customer_id text,
  amount_fen integer not null,
  -- The store-local day of the start, for the day's list.
  local_day text not null,
  checked_in_at bigint,
  reminded_at bigint,
  cancel_reason text,
  created_ms bigint not null,
  updated_ms bigint not null,
  primary key (store_id, id),
  unique (store_id, order_id),
  constraint bookings_no_overlap exclude using gist (
    store_id with =, resource_id with =, during with &&
  ) where (status in ('held', 'confirmed'))
);
-- statement-breakpoint
create index bookings_day on bookings (store_id, local_day);
-- statement-breakpoint
create index bookings_range on bookings (store_id, start_ms) where status in ('held', 'confirmed');
-- statement-breakpoint
create index bookings_holds on bookings (store_id, hold_expires_at) where status = 'held';
-- statement-breakpoint
create index bookings_customer on bookings (store_id, customer_id, start_ms);
-- statement-breakpoint
-- Deferred-mode capacity is a count, which no constraint can express: writers of one store-day take
-- this row's lock first, so two of them never both see N−1.
create table booking_day_locks (
  store_id text not null,
  local_day text not null,
  primary key (store_id, local_day)
);
