import toolkit.api


def test_public_api_names_resolve() -> None:
    for name in toolkit.api.__all__:
        assert getattr(toolkit.api, name) is not None, name
    assert toolkit.api.load_catalogue().point("A1").code == "A1"
