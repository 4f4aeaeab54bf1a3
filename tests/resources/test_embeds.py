import pytest

from resources.embeds import VideoEmbed, parse_video_url


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
        ("https://m.youtube.com/watch?v=aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
        ("https://youtu.be/aqz-KE-bpKQ?si=abc", "YouTube", "aqz-KE-bpKQ"),
        ("https://www.youtube.com/embed/aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
        ("https://www.youtube.com/shorts/aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
        ("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
        ("  http://www.youtube.com/watch?v=aqz-KE-bpKQ  ", "YouTube", "aqz-KE-bpKQ"),
        ("https://vimeo.com/76979871", "Vimeo", "76979871"),
        ("https://vimeo.com/channels/staffpicks/76979871", "Vimeo", "76979871"),
        ("https://player.vimeo.com/video/76979871?h=abc", "Vimeo", "76979871"),
        ("https://www.dailymotion.com/video/x7tgad0", "Dailymotion", "x7tgad0"),
        ("https://www.dailymotion.com/video/x7tgad0_un-titre", "Dailymotion", "x7tgad0"),
        ("https://www.dailymotion.com/embed/video/x7tgad0", "Dailymotion", "x7tgad0"),
        ("https://dai.ly/x7tgad0", "Dailymotion", "x7tgad0"),
        ("https://geo.dailymotion.com/player.html?video=x7tgad0", "Dailymotion", "x7tgad0"),
    ],
)
def test_known_video_links_give_their_provider_and_id(url, provider, video_id):
    assert parse_video_url(url) == VideoEmbed(provider, video_id)


@pytest.mark.parametrize(
    ("url", "start", "player"),
    [
        ("https://youtube.com/watch?feature=share&v=aqz-KE-bpKQ&t=30", 30, "&start=30"),
        ("https://youtu.be/aqz-KE-bpKQ?t=42", 42, "&start=42"),
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=1m30s", 90, "&start=90"),
        ("https://www.youtube.com/embed/aqz-KE-bpKQ?start=3600", 3600, "&start=3600"),
        ("https://vimeo.com/76979871#t=1h2m3s", 3723, "#t=3723s"),
        ("https://www.dailymotion.com/video/x7tgad0?start=15", 15, "&start=15"),
        # Not a time: played from the start.
        ("https://youtu.be/aqz-KE-bpKQ?t=abc", 0, None),
        ("https://youtu.be/aqz-KE-bpKQ?t=" + "9" * 40, 0, None),
    ],
)
def test_a_links_start_time_is_where_the_player_starts(url, start, player):
    embed = parse_video_url(url)
    assert embed.start == start
    if player:
        assert embed.embed_url.endswith(player)
    else:
        assert "start" not in embed.embed_url and "#t=" not in embed.embed_url


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://radio.example.org/emissions/cooperation-haiti",
        "https://www.youtube.com/watch?v=exemple",  # not an 11-character id
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ%22onload%3D",
        "https://www.youtube.com/channel/UCabcdefghijk",
        "https://youtube.com.evil.example/watch?v=aqz-KE-bpKQ",
        "https://evil.example/youtu.be/aqz-KE-bpKQ",
        "javascript:alert(1)//youtu.be/aqz-KE-bpKQ",
        "ftp://youtu.be/aqz-KE-bpKQ",
        "https://vimeo.com/about",
        "https://vimeo.com/76979871abc",
        "https://www.dailymotion.com/user/x7tgad0",
        "https://www.dailymotion.com/video/<script>",
        "https://[not-a-host/watch?v=aqz-KE-bpKQ",
    ],
)
def test_other_links_are_not_embedded(url):
    assert parse_video_url(url) is None


@pytest.mark.parametrize(
    ("embed", "expected"),
    [
        (
            VideoEmbed("YouTube", "aqz-KE-bpKQ"),
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
        ),
        (VideoEmbed("Vimeo", "76979871"), "https://player.vimeo.com/video/76979871?dnt=1"),
        (VideoEmbed("Dailymotion", "x7tgad0"), "https://www.dailymotion.com/embed/video/x7tgad0"),
    ],
)
def test_embed_address_is_built_on_the_providers_privacy_friendly_player(embed, expected):
    assert embed.embed_url.startswith(expected)
