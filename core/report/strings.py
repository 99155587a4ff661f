"""Every word of the report pages in English and Korean: one table, keyed by the English text.

`Strings(lang)` is called as `t("Chat log")` or `t("{n} students", n=3)`; it also writes durations,
date-times and emotion names the way a reader of that language expects. A text missing from the
Korean table is shown in English and remembered in `missing` (the tests render every page in Korean
and check that nothing is).
"""

from __future__ import annotations

import locale
import os
import re
from datetime import datetime

LANGUAGES = ("ko", "en")

KO: dict[str, str] = {
    # emotions (core/classes.py order)
    "angry": "화남", "disgust": "혐오", "fear": "두려움", "happy": "기쁨", "neutral": "무표정", "sad": "슬픔",
    "surprise": "놀람",
    # session table
    "Started": "시작", "Ended": "끝", "Finished": "완료", "Source": "입력", "Input": "입력 파일", "Device": "장치",
    "Emotion model": "감정 모델", "Models": "모델", "Text model": "글 감정 모델", "Status": "상태", "Frames": "프레임",
    "Frames with a face": "얼굴이 있는 프레임", "Options": "옵션", "Duration": "길이", "Timeline": "타임라인",
    "Chat log": "채팅 기록", "Sidecar": "설명 파일", "none (no .json beside the CSV)": "없음 (CSV 옆에 .json 없음)",
    "none": "없음", "unknown": "알 수 없음",
    "{name}: {rows} rows, {rate}": "{name}: {rows}행, {rate}",
    "{fps} frames/s ({ms} ms apart)": "초당 {fps}프레임 ({ms}ms 간격)", "one frame every {length}": "{length}마다 한 프레임",
    "complete": "완료", "interrupted": "중단됨", "failed": "실패",
    # page
    "Class report: {name}": "수업 보고서: {name}", "Class reports: {name}": "수업 보고서 모음: {name}",
    "{n} student": "학생 {n}명", "{n} students": "학생 {n}명",
    "Session": "수업", "Class mood over time": "시간에 따른 학급 분위기",
    "At each moment, the share of the faces on camera whose dominant emotion is each class (stacked, {step} steps); "
    "the black line is how many faces were on camera.":
        "각 순간에 화면에 보인 얼굴 가운데 주된 감정이 각 감정인 얼굴의 비율입니다 ({step} 단위로 쌓음). "
        "검은 선은 화면에 보인 얼굴 수입니다.",
    "Students": "학생", "off camera": "화면 밖", "Student": "학생", "On camera": "화면에 보인 시간",
    "Longest negative stretch": "가장 긴 부정 감정 구간", "Presence gaps": "자리 비움",
    "on {on} · off {off}": "보임 {on} · 안 보임 {off}", "came at {t}": "{t}에 들어옴", "left at {t}": "{t}에 나감",
    "from {t}": "{t}부터", "{n} gap": "{n}번", "{n} gaps": "{n}번", "longest {length}": "가장 긴 것 {length}",
    "No face was found in this session.": "이 수업에서는 얼굴을 찾지 못했습니다.",
    "Students at a glance": "학생 한눈에 보기",
    "Share of each student's time on camera in each dominant emotion, in the order above.":
        "학생마다 화면에 보인 시간 가운데 각 감정이 주된 감정이었던 비율입니다 (위 표의 순서).",
    "Chat": "채팅",
    "{n} message, least congruent first: congruence compares the emotion of the text with the author's face when it "
    "was sent (1 − Jensen–Shannon distance: 1 same, 0 opposite).":
        "메시지 {n}개, 일치도가 낮은 것부터: 일치도는 글의 감정과 보낼 때 쓴 학생의 얼굴 표정을 비교합니다 "
        "(1 − 젠슨–섀넌 거리: 1은 같음, 0은 정반대).",
    "{n} messages, least congruent first: congruence compares the emotion of the text with the author's face when it "
    "was sent (1 − Jensen–Shannon distance: 1 same, 0 opposite).":
        "메시지 {n}개, 일치도가 낮은 것부터: 일치도는 글의 감정과 보낼 때 쓴 학생의 얼굴 표정을 비교합니다 "
        "(1 − 젠슨–섀넌 거리: 1은 같음, 0은 정반대).",
    "{n} message by student, each student's least congruent first: congruence compares the emotion of the text with "
    "the author's own face when it was sent (1 − Jensen–Shannon distance: 1 same, 0 opposite). Transcript lines are marked.":
        "학생별 메시지 {n}개, 학생마다 일치도가 낮은 것부터: 일치도는 글의 감정과 보낼 때 그 학생 자신의 얼굴 표정을 비교합니다 "
        "(1 − 젠슨–섀넌 거리: 1은 같음, 0은 정반대). 음성 기록(자막) 줄은 따로 표시합니다.",
    "{n} messages by student, each student's least congruent first: congruence compares the emotion of the text with "
    "the author's own face when it was sent (1 − Jensen–Shannon distance: 1 same, 0 opposite). Transcript lines are marked.":
        "학생별 메시지 {n}개, 학생마다 일치도가 낮은 것부터: 일치도는 글의 감정과 보낼 때 그 학생 자신의 얼굴 표정을 비교합니다 "
        "(1 − 젠슨–섀넌 거리: 1은 같음, 0은 정반대). 음성 기록(자막) 줄은 따로 표시합니다.",
    "writes as {names}": "{names}(으)로 씀", "{n} message": "메시지 {n}개", "{n} messages": "메시지 {n}개",
    "Kind": "종류", "chat": "채팅", "transcript": "음성 기록", "before": "녹화 전",
    "Messages by people with no face on screen": "화면에 얼굴이 없는 사람의 메시지",
    "The teacher, a camera that was off, or a name never read on a tile: their text emotion alone.":
        "교사, 카메라를 끈 학생, 또는 타일에서 이름을 읽지 못한 사람: 글의 감정만 보여 줍니다.",
    "Attention": "주의 신호", "Share of students looking at the screen over time": "시간에 따른 화면을 보는 학생 비율",
    "measured": "측정 시간", "looking away": "다른 곳을 봄", "eyes closed": "눈 감음",
    "looking at the screen": "화면을 봄", "share of faces": "얼굴 비율",
    "Attention signals come from head pose and eye openness (user guide, Attention): looking away is the head "
    "turned or down beyond its thresholds for at least a second, eyes closed is closed for at least a second. They "
    "say where a face pointed, not whether anyone learned.":
        "주의 신호는 머리 방향과 눈 뜬 정도에서 나옵니다 (사용 안내서의 '주의 신호' 참고): '다른 곳을 봄'은 머리를 기준보다 더 돌리거나 "
        "숙인 상태가 1초 이상 이어진 것이고, '눈 감음'은 눈을 1초 이상 감은 것입니다. 얼굴이 어디를 향했는지를 말할 뿐, "
        "누가 배웠는지를 말하지 않습니다.",
    "Congruence": "일치도", "Time": "시각", "Author": "쓴 사람", "Message": "메시지", "Text emotion": "글의 감정",
    "Face emotion": "얼굴 감정", "No chat messages": "채팅 메시지가 없습니다",
    " (no chat log beside the CSV)": " (CSV 옆에 채팅 기록 없음)",
    "timeline of {name}": "{name}의 타임라인", "face id {ids}": "얼굴 번호 {ids}", "face {id}": "얼굴 {id}",
    "Made by EmoSync on {when}. Emotions are read from faces by a model and are estimates, not diagnoses; use them to "
    "decide whom to talk to, not what they feel. Font: NanumGothic © NAVER, SIL Open Font License 1.1.":
        "EmoSync가 {when}에 만들었습니다. 감정은 모델이 얼굴에서 읽은 추정값이며 진단이 아닙니다. 학생이 무엇을 "
        "느끼는지 판단하는 데가 아니라 누구와 이야기해 볼지 정하는 데 쓰세요. 글꼴: 나눔고딕 © NAVER, SIL Open Font License 1.1.",
    "The law: the EU AI Act (Regulation (EU) 2024/1689, Article 5(1)(f)) prohibits, since 2 February 2025, using AI "
    "systems to infer the emotions of people at work and in education institutions, except for medical or safety "
    "reasons; Korea's Personal Information Protection Act (Article 23) treats biometric data that identifies a person "
    "as sensitive information, which needs separate consent. Use EmoSync only where the law allows it, such as research "
    "with participants' informed consent or a person's own view of themselves. Whoever uses it is responsible for "
    "that; this note is not legal advice.":
        "법: EU 인공지능법(규정 (EU) 2024/1689) 제5조 제1항 (f)호는 2025년 2월 2일부터 직장과 교육기관에서 "
        "사람의 감정을 추론하는 AI 시스템의 사용을 금지합니다(의료 또는 안전상의 이유는 예외). 한국의 개인정보 보호법"
        "(제23조)은 사람을 알아보는 데 쓰는 생체인식정보를 민감정보로 보며, 따로 동의를 받아야 합니다. EmoSync는 "
        "참가자의 충분한 설명에 따른 동의를 받은 연구나 자기 자신을 살펴보는 일처럼 법이 허용하는 곳에서만 쓰세요. "
        "그 책임은 사용하는 사람에게 있으며, 이 안내는 법률 자문이 아닙니다.",
    # index page
    "{n} session": "수업 {n}개", "{n} sessions": "수업 {n}개", "{n} file left out": "빠진 파일 {n}개",
    "{n} files left out": "빠진 파일 {n}개", "Sessions": "수업", "⚑ Attention": "⚑ 살펴볼 학생",
    "Chat messages": "채팅 메시지", "Students across sessions": "여러 수업에 걸친 학생",
    "Students with a name are matched by it across sessions; an unnamed face is counted within its own session. "
    "Shares are of the time on camera, over all sessions. Listed by how many sessions marked them ⚑, then by their "
    "share of negative time.":
        "이름이 있는 학생은 이름으로 여러 수업을 이어 봅니다. 이름 없는 얼굴은 그 수업 안에서만 셉니다. 비율은 모든 "
        "수업에서 화면에 보인 시간에 대한 것입니다. ⚑ 표시된 수업이 많은 순서, 그다음 부정 감정 비율 순서로 적었습니다.",
    "⚑ in": "⚑ 표시", "{k} of {n}": "{n}번 중 {k}번", "in {name}": "{name}에서", "Left out": "빠진 파일",
    "File": "파일", "Why": "이유",
    "(an absence of {gap} s or less counts as on camera)": "({gap}초 이하로 안 보인 때는 화면에 보인 시간으로 셈)",
    "recording": "녹화 중", "Chat emotion half-life": "채팅 감정의 반감기",
    # participants and names (core/report/participants.py)
    "Participants": "참가자", "Names": "이름",
    "{total} participants: {on} on camera, {off} with the camera off all along ({names})":
        "{total}명: 화면에 보인 학생 {on}명, 처음부터 끝까지 카메라를 끈 사람 {off}명 ({names})",
    "{n} typed in the window": "{n}명은 창에서 직접 입력", "{n} read from their tiles": "{n}명은 화면 타일에서 읽음",
    "{n} matched to the participants list": "{n}명은 참가자 명단과 맞춤", "{n} from elsewhere": "{n}명은 그 밖의 방법",
    # input, models and options in words (core/report/facts.py)
    "{name} ({size}, modified {when})": "{name} ({size}, {when}에 수정됨)", "{name} ({size})": "{name} ({size})",
    "face emotion model {digest}": "얼굴 감정 모델 {digest}", "text emotion model {digest}": "글 감정 모델 {digest}",
    "every frame analysed": "모든 프레임 분석", "one frame in {n} analysed": "{n}프레임마다 한 프레임 분석",
    "faces searched in the whole frame every frame": "매 프레임 화면 전체에서 얼굴 찾기",
    "faces searched in the whole frame every {n} frames": "{n}프레임마다 화면 전체에서 얼굴 찾기",
    "no smoothing": "평활화 없음", "smoothed with a {s} s half-life": "반감기 {s}초로 평활화",
    "ten views of each face averaged": "얼굴마다 10가지 보기의 평균", "attention signals recorded": "주의 신호 기록함",
    "no attention signals": "주의 신호 기록 안 함", "analysed in {m}-minute chunks": "{m}분 단위로 나누어 분석",
    "chat from {name}": "채팅 파일 {name}", "camera {n}": "카메라 {n}", "screen {n}": "화면 {n}",
    " (a region)": " (일부 영역)",
    "a message's emotion fades with a {s} s half-life": "메시지의 감정은 반감기 {s}초로 옅어짐",
    "recording started at {clock}": "녹화 시작 시각 {clock}", "names matched to {name}": "이름을 {name}의 명단과 맞춤",
    "names not read from the tiles": "타일에서 이름을 읽지 않음",
    # plots
    "share of faces on camera": "화면에 보인 얼굴 비율", "session time": "수업 시간", "faces on camera": "화면에 보인 얼굴 수",
    # attention (core/report/students.py)
    "off camera {share} of the session": "수업 시간의 {share} 동안 화면 밖",
    "negative {share} of the time on camera (class median {median})":
        "화면에 보인 시간의 {share} 동안 부정 감정 (학급 중앙값 {median})",
    "negative {later} of the time after the first minutes (was {baseline})":
        "처음 몇 분 뒤 {later} 동안 부정 감정 (처음에는 {baseline})",
    "Listed first, marked ⚑: students negative ({negative} as the dominant emotion) much more often than the rest of "
    "the class (at least {excess} more of their time on camera than the class median, and {z} times the class's usual "
    "spread above it), or much more often than in their own first {baseline_min} minutes (at least {rise} more, while "
    "also above most of the class); and students off camera for at least {away} of the session. Comparing with the "
    "class and with the student's own start means a model that sees sadness in many calm faces does not flag "
    "everyone. Within each group, the larger share of negative time comes first. A presence gap is a time of more "
    "than {gap} s without the face.":
        "맨 위에 ⚑로 표시한 학생: 부정 감정({negative})이 주된 감정인 때가 학급의 다른 학생보다 훨씬 잦은 학생"
        "(화면에 보인 시간의 비율이 학급 중앙값보다 {excess} 이상 높고, 학급의 보통 편차의 {z}배 이상 높음), 또는 "
        "자기 자신의 처음 {baseline_min}분보다 훨씬 잦아진 학생({rise} 이상 늘었고, 학급 대부분보다도 높음), 그리고 "
        "수업 시간의 {away} 이상 화면 밖에 있던 학생입니다. 학급과 그 학생 자신의 처음과 비교하므로, 차분한 얼굴도 "
        "슬프다고 자주 보는 모델이라도 모든 학생을 표시하지는 않습니다. 같은 묶음 안에서는 부정 감정 비율이 큰 "
        "학생이 먼저 옵니다. 자리 비움은 얼굴이 {gap}초 넘게 보이지 않은 시간입니다.",
}

_FACE = re.compile(r"^face (\d+)$")


def system_language() -> str:
    """'ko' when the system's language is Korean (LC_ALL, LC_MESSAGES, LANG, LANGUAGE, then the locale), else 'en'."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "ko" if code.lower().startswith("ko") else "en"


class Strings:
    """The report's words in one language."""

    def __init__(self, lang: str | None = None) -> None:
        self.lang = lang if lang in LANGUAGES else system_language()
        self.missing: set[str] = set()

    def __call__(self, text: str, **params: object) -> str:
        """`text` in this language, with `params` filled in."""
        if self.lang == "ko":
            found = KO.get(text)
            if found is None:
                self.missing.add(text)
            text = found or text
        return text.format(**params) if params else text

    def plural(self, one: str, many: str, n: int, **params: object) -> str:
        """`one` or `many` by `n` (Korean has one form), with n and `params` filled in."""
        return self(one if n == 1 else many, n=n, **params)

    def emotion(self, name: str) -> str:
        """A class's name."""
        return self(name)

    def student(self, label: str) -> str:
        """A student's label: their name, or 'face N' in this language."""
        m = _FACE.match(label)
        return self("face {id}", id=m.group(1)) if m else label

    def length(self, seconds: float) -> str:
        """A duration in words: '3 min 05 s' / '3분 05초'."""
        from core.report.students import length

        return length(seconds, "초", "분", "시간") if self.lang == "ko" else length(seconds)

    def date_time(self, when: datetime, seconds: bool = True) -> str:
        """A local date-time: '2025-03-01 09:00:00' / '2025년 3월 1일 09:00:00'."""
        clock = when.strftime("%H:%M:%S" if seconds else "%H:%M")
        if self.lang == "ko":
            return f"{when.year}년 {when.month}월 {when.day}일 {clock}"
        return when.strftime("%Y-%m-%d ") + clock
