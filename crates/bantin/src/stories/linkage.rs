//! Average-linkage agglomeration over a sparse similarity graph.

use rustc_hash::FxHashMap;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::union_find::find;

/// A candidate merge in the heap: average similarity, then the lower ids first.
#[derive(PartialEq)]
struct Merge {
    avg: f64,
    a: usize,
    b: usize,
    va: u32,
    vb: u32,
}

impl Eq for Merge {}

impl Ord for Merge {
    fn cmp(&self, o: &Self) -> Ordering {
        self.avg
            .total_cmp(&o.avg)
            .then_with(|| o.a.cmp(&self.a))
            .then_with(|| o.b.cmp(&self.b))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Average-linkage agglomeration: groups (`init`, a label per item, each label one of its
/// items) joined two at a time, the pair with the highest average similarity of their
/// items first (pairs without an edge count 0), while that average reaches `link`. Returns
/// the label of every item: the smallest item of its group.
pub fn average_linkage(init: &[usize], edges: &[(u32, u32, f32)], link: f64) -> Vec<usize> {
    let n = init.len();
    let mut size = vec![0usize; n];
    for &l in init {
        size[l] += 1;
    }
    let mut adj: Vec<FxHashMap<usize, f64>> = vec![FxHashMap::default(); n];
    for &(a, b, w) in edges {
        let (a, b) = (init[a as usize], init[b as usize]);
        if a != b {
            *adj[a].entry(b).or_default() += w as f64;
            *adj[b].entry(a).or_default() += w as f64;
        }
    }
    let mut version = vec![0u32; n];
    let mut parent: Vec<usize> = (0..n).collect();
    let mut heap = BinaryHeap::new();
    for a in 0..n {
        if size[a] == 0 {
            continue;
        }
        let mut near: Vec<(usize, f64)> = adj[a].iter().map(|(&b, &w)| (b, w)).collect();
        near.sort_unstable_by_key(|p| p.0);
        for (b, w) in near {
            let avg = w / (size[a] * size[b]) as f64;
            if a < b && avg >= link {
                heap.push(Merge {
                    avg,
                    a,
                    b,
                    va: 0,
                    vb: 0,
                });
            }
        }
    }
    while let Some(m) = heap.pop() {
        if version[m.a] != m.va || version[m.b] != m.vb || size[m.a] == 0 || size[m.b] == 0 {
            continue;
        }
        // keep the group with more neighbours; its id stays the smaller for labels below
        let (keep, gone) = if adj[m.a].len() >= adj[m.b].len() {
            (m.a, m.b)
        } else {
            (m.b, m.a)
        };
        let moved = std::mem::take(&mut adj[gone]);
        let mut moved: Vec<(usize, f64)> = moved.into_iter().collect();
        moved.sort_unstable_by_key(|p| p.0);
        adj[keep].remove(&gone);
        for (c, w) in moved {
            if c == keep {
                continue;
            }
            adj[c].remove(&gone);
            *adj[c].entry(keep).or_default() += w;
            *adj[keep].entry(c).or_default() += w;
        }
        size[keep] += size[gone];
        size[gone] = 0;
        parent[gone] = keep;
        version[keep] += 1;
        version[gone] += 1;
        let mut near: Vec<(usize, f64)> = adj[keep].iter().map(|(&c, &w)| (c, w)).collect();
        near.sort_unstable_by_key(|p| p.0);
        for (c, w) in near {
            let avg = w / (size[keep] * size[c]) as f64;
            if avg >= link {
                let (a, b) = (keep.min(c), keep.max(c));
                heap.push(Merge {
                    avg,
                    a,
                    b,
                    va: version[a],
                    vb: version[b],
                });
            }
        }
    }
    // labels: the smallest item of each group
    let mut root: Vec<usize> = (0..n).map(|i| find(&mut parent, init[i])).collect();
    let mut least: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, r) in root.iter().enumerate() {
        least.entry(*r).or_insert(i);
    }
    for r in root.iter_mut() {
        *r = least[r];
    }
    root
}
