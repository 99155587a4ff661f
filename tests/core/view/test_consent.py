from core.view.consent import Consent


def test_the_notice_is_due_once_when_a_second_face_appears():
    c = Consent()
    assert not c.faces_seen(1) and not c.shown
    assert c.faces_seen(2) and c.shown
    assert not c.faces_seen(3)


def test_attention_switched_on_after_the_notice_brings_it_back():
    c = Consent()
    assert not c.set_attention(True) and c.attention  # not shown yet: it will name attention when it is
    c.faces_seen(2)
    assert c.set_attention(True)
    assert not c.set_attention(False) and not c.attention
