"""The vault's fingerprint tree matches RFC 6962, checked against published reference values."""

from companion import merkle

# Certificate Transparency's reference leaves and tree heads for sizes 0 to 8.
LEAVES = [
    bytes.fromhex(h)
    for h in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def test_tree_heads_match_rfc_6962_reference_values_for_every_size() -> None:
    hashed = [merkle.leaf_hash(leaf) for leaf in LEAVES]
    for size, expected in enumerate(ROOTS):
        assert merkle.root(hashed[:size]).hex() == expected, size


def test_changing_any_leaf_changes_the_root() -> None:
    hashed = [merkle.leaf_hash(bytes([i])) for i in range(13)]
    original = merkle.root(hashed)
    for i in range(len(hashed)):
        changed = list(hashed)
        changed[i] = merkle.leaf_hash(b"changed")
        assert merkle.root(changed) != original


def test_a_leaf_cannot_pass_for_an_inner_node() -> None:
    left, right = merkle.leaf_hash(b"a"), merkle.leaf_hash(b"b")
    assert merkle.leaf_hash(left + right) != merkle.node_hash(left, right)
