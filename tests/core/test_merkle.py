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


# Certificate Transparency's reference audit paths: (leaf index from 0, tree size, path).
INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]  # fmt: skip


def test_audit_paths_match_the_reference_and_verify() -> None:
    hashed = [merkle.leaf_hash(leaf) for leaf in LEAVES]
    for index, size, expected in INCLUSION:
        tree = merkle.Tree(hashed[:size])
        assert tree.root.hex() == ROOTS[size]
        proof = tree.inclusion_proof(index)
        assert [p.hex() for p in proof] == expected
        assert merkle.verify_inclusion(index, size, hashed[index], proof, tree.root)


def test_every_leaf_of_every_tree_shape_proves_and_nothing_else_does() -> None:
    for size in range(1, 40):
        hashed = [merkle.leaf_hash(bytes([size, i])) for i in range(size)]
        tree = merkle.Tree(hashed)
        assert tree.root == merkle.root(hashed)
        for index in range(size):
            proof = tree.inclusion_proof(index)
            assert merkle.verify_inclusion(index, size, hashed[index], proof, tree.root)
            assert not merkle.verify_inclusion(
                index, size, merkle.leaf_hash(b"x"), proof, tree.root
            )
            if size > 1:
                other = (index + 1) % size
                assert not merkle.verify_inclusion(other, size, hashed[index], proof, tree.root)


def test_hex_proofs_are_the_audit_paths_written_in_hex() -> None:
    for size in range(1, 40):
        tree = merkle.Tree([bytes([n]) * 32 for n in range(size)])
        for index in range(size):
            assert tree.hex_proof(index) == [h.hex() for h in tree.inclusion_proof(index)]
