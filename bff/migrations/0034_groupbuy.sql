-- 拼团: offers (the promotion a team is started from), teams, and members' seats.
create table group_offers (
  store_id text not null,
  id text not null,
  doc jsonb not null,
  primary key (store_id, id)
);
-- statement-breakpoint
create table group_buys (
  store_id text not null,
  id text not null,
  offer_id text not null,
  size integer not null,
  group_fen integer not null,
  closes_at bigint not null,
  status text not null check (status in ('open', 'succeeded', 'failed')),
  -- The domain GroupBuy (its paid participants).
  doc jsonb not null,
  leader_id text not null,
  created_ms bigint not null,
  updated_ms bigint not null,
  primary key (store_id, id)
);
-- statement-breakpoint
create index group_buys_open on group_buys (closes_at) where status = 'open';
-- statement-breakpoint
-- A seat: `pending` while its order is unpaid (it lapses after the store's hold minutes), `paid` once the
-- payment joined the team, `refunding` when the payment must go back (team failed, or it came too late),
-- `refunded` when the refund's REFUND.SUCCESS was ingested.
create table group_members (
  store_id text not null,
  group_id text not null,
  member_id text not null,
  nickname text not null,
  order_id text not null,
  status text not null check (status in ('pending', 'paid', 'lapsed', 'refunding', 'refunded')),
  seat_expires_at bigint not null,
  joined_ms bigint not null,
  paid_ms bigint,
  primary key (store_id, group_id, member_id),
  unique (store_id, order_id)
);
-- statement-breakpoint
create index group_members_pending on group_members (seat_expires_at) where status = 'pending';
