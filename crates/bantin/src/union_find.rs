//! The one union-find of the engine: a forest over `0..n` kept as a parent vector, with
//! path halving. Groupings (stories, copies of one article) are built on it.

/// The root of `x`'s tree, halving the path on the way.
pub(crate) fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        parent[r] = parent[parent[r]];
        r = parent[r];
    }
    r
}

/// Joins the trees of `a` and `b` under the lower root (so that a group is named by its
/// first member whatever the order of the joins); whether they were apart.
pub(crate) fn union_lower(parent: &mut [usize], a: usize, b: usize) -> bool {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra == rb {
        return false;
    }
    parent[ra.max(rb)] = ra.min(rb);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_under_the_lower_root() {
        let mut p: Vec<usize> = (0..5).collect();
        assert!(union_lower(&mut p, 3, 1));
        assert!(union_lower(&mut p, 4, 3));
        assert!(!union_lower(&mut p, 1, 4));
        let roots: Vec<usize> = (0..5).map(|i| find(&mut p, i)).collect();
        assert_eq!(roots, vec![0, 1, 2, 1, 1]);
    }
}
