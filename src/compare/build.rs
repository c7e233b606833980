//! From a paragraph alignment to a field's changes and rows: byte ranges that
//! cover both texts exactly, so applying every change gives the new text and
//! taking back every change gives the old.

use std::borrow::Cow;
use std::ops::Range;
use std::time::Instant;

use super::align::{Item, align};
use super::inline::inline_changes;
use super::{Change, ChangeKind, FieldDiff, Options, Row, key, paragraphs};
use crate::story::Field;

struct Builder<'a> {
    field: Field,
    old: &'a str,
    new: &'a str,
    op: &'a [Range<usize>],
    np: &'a [Range<usize>],
    options: &'a Options,
    deadline: Instant,
    next_id: &'a mut usize,
    changes: Vec<Change>,
    rows: Vec<Row>,
    /// Change index of the removed half of a move, by old paragraph.
    moved_away: Vec<(usize, usize)>,
    /// Change index of the added half of a move, by old paragraph it came from.
    moved_here: Vec<(usize, usize)>,
}

impl Builder<'_> {
    fn push(&mut self, kind: ChangeKind, old: Range<usize>, new: Range<usize>) -> usize {
        let id = *self.next_id;
        *self.next_id += 1;
        self.changes.push(Change {
            id,
            field: self.field,
            old,
            new,
            kind,
            partner: None,
        });
        self.changes.len() - 1
    }

    /// A change of the whitespace between paragraphs, if there is one.
    fn spacing(&mut self, old: Range<usize>, new: Range<usize>) {
        if self.options.ignore_whitespace || self.old[old.clone()] == self.new[new.clone()] {
            return;
        }
        self.push(ChangeKind::Spacing, old, new);
    }

    /// Word changes between `old` and `new` (byte ranges of the field texts).
    fn words(&mut self, old: Range<usize>, new: Range<usize>) -> Vec<usize> {
        let inline = inline_changes(
            &self.old[old.clone()],
            &self.new[new.clone()],
            self.options,
            self.deadline,
        );
        inline
            .into_iter()
            .map(|(a, b)| {
                self.push(
                    ChangeKind::Words,
                    a.start + old.start..a.end + old.start,
                    b.start + new.start..b.end + new.start,
                )
            })
            .collect()
    }

    /// The removed and added paragraphs between two anchors. `prev` is where
    /// the previous anchor ends on each side, `next` where the next starts
    /// (`None` at the end of the text).
    fn gap(
        &mut self,
        prev: (usize, usize),
        next: Option<(usize, usize)>,
        dels: &[(usize, Option<usize>)],
        ins: &[(usize, Option<usize>)],
    ) {
        let (op, np) = (self.op, self.np);
        let kind_del = |m: Option<usize>| {
            if m.is_some() {
                ChangeKind::MovedAway
            } else {
                ChangeKind::Removed
            }
        };
        let kind_ins = |m: Option<usize>| {
            if m.is_some() {
                ChangeKind::MovedHere
            } else {
                ChangeKind::Added
            }
        };
        let mut del_changes = Vec::with_capacity(dels.len());
        let mut ins_changes = Vec::with_capacity(ins.len());
        match next {
            Some((next_old, next_new)) => {
                // Each paragraph takes the separator after it.
                let lead_old = dels.first().map_or(next_old, |d| op[d.0].start);
                let lead_new = ins.first().map_or(next_new, |d| np[d.0].start);
                self.spacing(prev.0..lead_old, prev.1..lead_new);
                for (k, &(i, m)) in dels.iter().enumerate() {
                    let end = dels.get(k + 1).map_or(next_old, |d| op[d.0].start);
                    del_changes.push(self.push(kind_del(m), op[i].start..end, lead_new..lead_new));
                }
                for (k, &(j, m)) in ins.iter().enumerate() {
                    let end = ins.get(k + 1).map_or(next_new, |d| np[d.0].start);
                    ins_changes.push(self.push(kind_ins(m), next_old..next_old, np[j].start..end));
                }
            }
            None => {
                // At the end: each paragraph takes the separator before it.
                let mut from = prev.0;
                for &(i, m) in dels {
                    del_changes.push(self.push(kind_del(m), from..op[i].end, prev.1..prev.1));
                    from = op[i].end;
                }
                let last_old = from;
                let mut from = prev.1;
                for &(j, m) in ins {
                    ins_changes.push(self.push(kind_ins(m), last_old..last_old, from..np[j].end));
                    from = np[j].end;
                }
                self.spacing(last_old..self.old.len(), from..self.new.len());
            }
        }
        for (&(i, m), &change) in dels.iter().zip(&del_changes) {
            self.rows.push(match m {
                Some(to) => {
                    self.moved_away.push((i, change));
                    Row::MovedAway { old: i, to, change }
                }
                None => Row::Deleted { old: i, change },
            });
        }
        for (&(j, m), &change) in ins.iter().zip(&ins_changes) {
            self.rows.push(match m {
                Some(from) => {
                    self.moved_here.push((from, change));
                    let words = inline_changes(
                        &self.old[op[from].clone()],
                        &self.new[np[j].clone()],
                        self.options,
                        self.deadline,
                    )
                    .into_iter()
                    .map(|(a, b)| {
                        (
                            a.start + op[from].start..a.end + op[from].start,
                            b.start + np[j].start..b.end + np[j].start,
                        )
                    })
                    .collect();
                    Row::MovedHere {
                        new: j,
                        from,
                        change,
                        words,
                    }
                }
                None => Row::Inserted { new: j, change },
            });
        }
    }
}

/// Compare one field. Returns the diff and whether the deadline passed.
pub(super) fn diff_field(
    field: Field,
    old: &str,
    new: &str,
    options: &Options,
    deadline: Instant,
    next_id: &mut usize,
) -> (FieldDiff, bool) {
    let op = paragraphs(old);
    let np = paragraphs(new);
    let (items, timed_out) = if old == new {
        let items = (0..op.len())
            .map(|i| Item::Pair { old: i, new: i })
            .collect();
        (items, false)
    } else {
        let old_keys: Vec<Cow<str>> = op.iter().map(|r| key(&old[r.clone()], options)).collect();
        let new_keys: Vec<Cow<str>> = np.iter().map(|r| key(&new[r.clone()], options)).collect();
        let old_keys: Vec<&str> = old_keys.iter().map(|k| k.as_ref()).collect();
        let new_keys: Vec<&str> = new_keys.iter().map(|k| k.as_ref()).collect();
        align(&old_keys, &new_keys, options, deadline)
    };
    let mut b = Builder {
        field,
        old,
        new,
        op: &op,
        np: &np,
        options,
        deadline,
        next_id,
        changes: Vec::new(),
        rows: Vec::with_capacity(items.len()),
        moved_away: Vec::new(),
        moved_here: Vec::new(),
    };
    let mut prev = (0, 0);
    let mut dels: Vec<(usize, Option<usize>)> = Vec::new();
    let mut ins: Vec<(usize, Option<usize>)> = Vec::new();
    for item in items {
        let (o, n) = match &item {
            Item::Deleted { old, moved_to } => {
                dels.push((*old, *moved_to));
                continue;
            }
            Item::Inserted { new, moved_from } => {
                ins.push((*new, *moved_from));
                continue;
            }
            Item::Pair { old, new } => (*old..old + 1, *new..new + 1),
            Item::Split { old, new } => (*old..old + 1, new.clone()),
            Item::Merge { old, new } => (old.clone(), *new..new + 1),
        };
        let old_span = op[o.start].start..op[o.end - 1].end;
        let new_span = np[n.start].start..np[n.end - 1].end;
        b.gap(
            prev,
            Some((old_span.start, new_span.start)),
            &std::mem::take(&mut dels),
            &std::mem::take(&mut ins),
        );
        let changes = b.words(old_span.clone(), new_span.clone());
        b.rows.push(match item {
            Item::Pair { old, new } if changes.is_empty() => Row::Same { old, new },
            Item::Pair { old, new } => Row::Edited { old, new, changes },
            Item::Split { old, new } => Row::Split { old, new, changes },
            Item::Merge { old, new } => Row::Merged { old, new, changes },
            _ => unreachable!("gap items are handled above"),
        });
        prev = (old_span.end, new_span.end);
    }
    b.gap(prev, None, &dels, &ins);
    // Tie the two halves of each move.
    let mut away = std::mem::take(&mut b.moved_away);
    away.sort_unstable();
    for &(from, here) in &b.moved_here.clone() {
        if let Ok(k) = away.binary_search_by_key(&from, |a| a.0) {
            let there = away[k].1;
            b.changes[here].partner = Some(b.changes[there].id);
            b.changes[there].partner = Some(b.changes[here].id);
        }
    }
    let fd = FieldDiff {
        field,
        old_paragraphs: op.clone(),
        new_paragraphs: np.clone(),
        rows: b.rows,
        changes: b.changes,
    };
    (fd, timed_out)
}
