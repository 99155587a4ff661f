<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AttentionAction</name>
    <message>
        <source>Attention</source>
        <translation>주의 신호</translation>
    </message>
    <message>
        <source>Head pose, eyes closed and looking away per face (off by default; numbers only, no pictures kept)</source>
        <translation>얼굴마다 머리 방향, 눈 감음, 다른 곳을 봄 (기본은 꺼짐; 숫자만 남기고 사진은 남기지 않음)</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Type a message (Enter to send)</source>
        <translation>메시지를 입력하세요 (Enter로 보내기)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <source>Who wrote the message: its emotion is compared with that student&apos;s face</source>
        <translation>메시지를 쓴 학생: 메시지의 감정을 그 학생의 얼굴 표정과 비교합니다</translation>
    </message>
    <message>
        <source>Selected face</source>
        <translation>선택한 얼굴</translation>
    </message>
    <message>
        <source>Chat (Korean text emotion)</source>
        <translation>채팅 (한국어 글의 감정)</translation>
    </message>
    <message>
        <source>Too long: at most {n} characters.</source>
        <translation>너무 깁니다: 최대 {n}자까지 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>… scoring</source>
        <translation>… 분석 중</translation>
    </message>
    <message>
        <source>text model unavailable: {reason}</source>
        <translation>글 감정 모델을 쓸 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>text: {emotions}</source>
        <translation>글: {emotions}</translation>
    </message>
    <message>
        <source>✓ same</source>
        <translation>✓ 일치</translation>
    </message>
    <message>
        <source>✗ differs</source>
        <translation>✗ 불일치</translation>
    </message>
    <message>
        <source>face: {emotions}  |  similarity {value} ({agree})</source>
        <translation>얼굴: {emotions}  |  유사도 {value} ({agree})</translation>
    </message>
    <message>
        <source>no face at that moment</source>
        <translation>그때 보인 얼굴 없음</translation>
    </message>
    <message>
        <source>face: {emotions}</source>
        <translation>얼굴: {emotions}</translation>
    </message>
    <message>
        <source>similarity (1 − Jensen–Shannon distance): {value}</source>
        <translation>유사도 (1 − 젠슨–섀넌 거리): {value}</translation>
    </message>
    <message>
        <source>(left bars: text; right bars: face; class order angry … surprise)</source>
        <translation>(왼쪽 막대: 글, 오른쪽 막대: 얼굴; 순서: 화남 … 놀람)</translation>
    </message>
</context>
<context>
    <name>ClassPanel</name>
    <message>
        <source>{n} s</source>
        <translation>{n}초</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n}분</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h}시간 {m}분</translation>
    </message>
    <message>
        <source>camera off</source>
        <translation>카메라 꺼짐</translation>
    </message>
    <message>
        <source>not seen</source>
        <translation>안 보임</translation>
    </message>
    <message>
        <source>◉ eyes closed</source>
        <translation>◉ 눈 감음</translation>
    </message>
    <message>
        <source>↷ looking away</source>
        <translation>↷ 다른 곳을 봄</translation>
    </message>
    <message>
        <source>{name} (face #{id}): </source>
        <translation>{name} (얼굴 #{id}): </translation>
    </message>
    <message>
        <source>all</source>
        <translation>전원</translation>
    </message>
    <message>
        <source>−5 min</source>
        <translation>−5분</translation>
    </message>
    <message>
        <source>−3 min</source>
        <translation>−3분</translation>
    </message>
    <message>
        <source>−1 min</source>
        <translation>−1분</translation>
    </message>
    <message>
        <source>now</source>
        <translation>지금</translation>
    </message>
    <message>
        <source>Order of the cards: id, longest unseen first, or most of an emotion first</source>
        <translation>카드 순서: 번호순, 가장 오래 안 보인 학생 먼저, 또는 한 감정이 가장 많은 학생 먼저</translation>
    </message>
    <message>
        <source>No students yet</source>
        <translation>아직 학생이 없습니다</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>학급</translation>
    </message>
    <message>
        <source>Click a card to follow that student; double-click to name them</source>
        <translation>카드를 누르면 그 학생을 따라가고, 두 번 누르면 이름을 붙입니다</translation>
    </message>
    <message>
        <source>Class mood, last 5 minutes</source>
        <translation>학급 분위기 (최근 5분)</translation>
    </message>
    <message>
        <source>Looking at the screen, last 5 minutes</source>
        <translation>화면을 보는 학생, 최근 5분</translation>
    </message>
    <message>
        <source>by id</source>
        <translation>번호순</translation>
    </message>
    <message>
        <source>by not seen</source>
        <translation>안 보인 시간순</translation>
    </message>
    <message>
        <source>by {emotion}</source>
        <translation>{emotion} 많은 순</translation>
    </message>
    <message>
        <source>{present} on camera, {seen} seen</source>
        <translation>화면에 {present}명, 지금까지 {seen}명</translation>
    </message>
    <message numerus="yes">
        <source>, %n camera off</source>
        <translation>
            <numerusform>, 카메라 꺼짐 %n명</numerusform>
        </translation>
    </message>
    <message>
        <source>Camera off: %1</source>
        <translation>카메라 꺼짐: %1</translation>
    </message>
</context>
<context>
    <name>ConferenceChat</name>
    <message>
        <source>Follow chat file…</source>
        <translation>채팅 파일 따라 읽기…</translation>
    </message>
    <message>
        <source>Read the chat file the conference tool saves during class (Zoom&apos;s auto-saved chat): each new message is scored on its author&apos;s face</source>
        <translation>화상 회의 프로그램이 수업 중에 저장하는 채팅 파일(Zoom 자동 저장 채팅)을 읽습니다: 새 메시지마다 쓴 학생의 얼굴과 비교합니다</translation>
    </message>
    <message>
        <source>Stop following chat file</source>
        <translation>채팅 파일 따라 읽기 멈추기</translation>
    </message>
    <message>
        <source>Paste chat…</source>
        <translation>채팅 붙여넣기…</translation>
    </message>
    <message>
        <source>Paste messages copied from the conference&apos;s chat panel</source>
        <translation>화상 회의 채팅 창에서 복사한 메시지를 붙여넣습니다</translation>
    </message>
    <message>
        <source>Follow chat file</source>
        <translation>채팅 파일 따라 읽기</translation>
    </message>
    <message>
        <source>Chat files (*.txt *.vtt *.csv);;All files (*)</source>
        <translation>채팅 파일 (*.txt *.vtt *.csv);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Following the chat file {0}: new messages appear in the chat box.</source>
        <translation>채팅 파일 {0}을(를) 따라 읽는 중: 새 메시지가 채팅 창에 나타납니다.</translation>
    </message>
    <message>
        <source>Paste chat</source>
        <translation>채팅 붙여넣기</translation>
    </message>
    <message>
        <source>Messages copied from the conference&apos;s chat panel:</source>
        <translation>화상 회의 채팅 창에서 복사한 메시지:</translation>
    </message>
    <message>
        <source>{0} earlier message(s) already in the chat file were not read (Paste chat… takes them).</source>
        <translation>채팅 파일에 이미 있던 이전 메시지 {0}개는 읽지 않았습니다 (채팅 붙여넣기…로 넣을 수 있습니다).</translation>
    </message>
</context>
<context>
    <name>ConsentBox</name>
    <message>
        <source>Watching a class</source>
        <translation>수업 관찰 안내</translation>
    </message>
    <message>
        <source>EmoSync is now watching more than one person.

What is analysed: the faces in the video (each face&apos;s emotion, and the names on gallery tiles) and the chat text you paste or type. What is kept, only while you record a session: the timeline CSV (per face: times, boxes, emotion probabilities, names), the chat log (messages, authors, their emotions) and a small sidecar file (source, model, settings, names). Video frames and face images are never saved.

The law: the EU AI Act (Regulation (EU) 2024/1689, Article 5(1)(f)) prohibits, since 2 February 2025, using AI systems to infer the emotions of people at work and in education institutions, except for medical or safety reasons. Korea&apos;s Personal Information Protection Act (Article 23) treats biometric data that identifies a person as sensitive information, which needs separate consent. Use EmoSync only where the law allows it, such as research with participants&apos; informed consent or your own view of yourself. You are responsible for how you use it; this is not legal advice.

Tell everyone on camera that their expressions are being analysed, and why, before you go on.</source>
        <translation>EmoSync가 이제 두 사람 이상을 보고 있습니다.

분석하는 것: 영상 속 얼굴(얼굴마다의 감정, 갤러리 타일의 이름)과 붙여 넣거나 입력한 채팅 글. 수업을 녹화하는 동안에만 남기는 것: 타임라인 CSV(얼굴마다 시각, 위치 상자, 감정 확률, 이름), 채팅 기록(메시지, 쓴 사람, 감정)과 작은 설명 파일(입력, 모델, 설정, 이름). 영상 프레임과 얼굴 이미지는 저장하지 않습니다.

법: EU 인공지능법(규정 (EU) 2024/1689) 제5조 제1항 (f)호는 2025년 2월 2일부터 직장과 교육기관에서 사람의 감정을 추론하는 AI 시스템의 사용을 금지합니다(의료 또는 안전상의 이유는 예외). 한국의 개인정보 보호법(제23조)은 사람을 알아보는 데 쓰는 생체인식정보를 민감정보로 보며, 따로 동의를 받아야 합니다. EmoSync는 법이 허용하는 곳에서만 쓰세요. 예를 들어 참가자의 충분한 설명에 따른 동의를 받은 연구, 또는 자기 자신을 살펴보는 데 쓸 수 있습니다. 사용에 대한 책임은 사용자에게 있으며, 이 안내는 법률 자문이 아닙니다.

계속하기 전에 화면에 나오는 모든 사람에게 표정을 분석한다는 것과 그 이유를 알려 주세요.</translation>
    </message>
    <message>
        <source>Attention signals are on: for each face, head pose (yaw, pitch, roll), eye openness, eyes closed and looking away are computed and kept as numbers. They say where a face points, not whether anyone is learning.</source>
        <translation>주의 신호가 켜져 있습니다: 얼굴마다 머리 방향(좌우, 위아래, 기울기), 눈 뜬 정도, 눈 감음, 다른 곳을 봄을 계산해 숫자로 남깁니다. 얼굴이 어디를 향하는지를 말할 뿐, 누가 배우고 있는지를 말하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>DeviceBox</name>
    <message>
        <source>Auto</source>
        <translation>자동</translation>
    </message>
</context>
<context>
    <name>Emotion</name>
    <message>
        <source>angry</source>
        <translation>화남</translation>
    </message>
    <message>
        <source>disgust</source>
        <translation>혐오</translation>
    </message>
    <message>
        <source>fear</source>
        <translation>두려움</translation>
    </message>
    <message>
        <source>happy</source>
        <translation>기쁨</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>무표정</translation>
    </message>
    <message>
        <source>sad</source>
        <translation>슬픔</translation>
    </message>
    <message>
        <source>surprise</source>
        <translation>놀람</translation>
    </message>
</context>
<context>
    <name>EngineMessages</name>
    <message>
        <source>end of video: {name}</source>
        <translation>동영상 끝: {name}</translation>
    </message>
    <message>
        <source>photo: {name}</source>
        <translation>사진: {name}</translation>
    </message>
    <message>
        <source>{source} reconnected</source>
        <translation>{source} 다시 연결됨</translation>
    </message>
    <message>
        <source>{source} stopped delivering frames; trying to reconnect</source>
        <translation>{source}에서 프레임이 오지 않습니다. 다시 연결하는 중</translation>
    </message>
    <message>
        <source>cannot load the models: {reason}</source>
        <translation>모델을 불러올 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>analysis failed on a frame: {reason}</source>
        <translation>프레임 분석에 실패했습니다: {reason}</translation>
    </message>
    <message>
        <source>recording stopped: cannot write {path}: {reason}; the rows so far are in {kept}</source>
        <translation>녹화 중지: {path}에 쓸 수 없습니다: {reason}; 지금까지의 행은 {kept}에 있습니다</translation>
    </message>
</context>
<context>
    <name>FaceColumn</name>
    <message>
        <source>No face</source>
        <translation>얼굴 없음</translation>
    </message>
    <message>
        <source>Face–text congruence: no message yet</source>
        <translation>얼굴–글 일치도: 아직 메시지 없음</translation>
    </message>
    <message>
        <source>Attention: no reading yet</source>
        <translation>주의 신호: 아직 읽은 값 없음</translation>
    </message>
    <message>
        <source>looking at the screen</source>
        <translation>화면을 봄</translation>
    </message>
    <message>
        <source>eyes open</source>
        <translation>눈 뜸</translation>
    </message>
    <message>
        <source>Last 60 s</source>
        <translation>최근 60초</translation>
    </message>
    <message>
        <source>{name} (face #{id})</source>
        <translation>{name} (얼굴 #{id})</translation>
    </message>
    <message>
        <source>Face #{id}</source>
        <translation>얼굴 #{id}</translation>
    </message>
    <message>
        <source>dominant classes agree</source>
        <translation>주된 감정 일치</translation>
    </message>
    <message>
        <source>dominant classes differ</source>
        <translation>주된 감정 다름</translation>
    </message>
    <message>
        <source>Face–text congruence: {value} ({agree})</source>
        <translation>얼굴–글 일치도: {value} ({agree})</translation>
    </message>
    <message>
        <source>Attention: no reading (face too small or not seen)</source>
        <translation>주의 신호: 읽은 값 없음 (얼굴이 너무 작거나 보이지 않음)</translation>
    </message>
    <message>
        <source>eyes closed</source>
        <translation>눈 감음</translation>
    </message>
    <message>
        <source>looking away</source>
        <translation>다른 곳을 봄</translation>
    </message>
    <message>
        <source>Attention: {0} (yaw {1:+d}°, pitch {2:+d}°, eyes {3:.2f})</source>
        <translation>주의 신호: {0} (좌우 {1:+d}°, 위아래 {2:+d}°, 눈 {3:.2f})</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>The language changes when EmoSync is started again.</source>
        <translation>EmoSync를 다시 시작하면 언어가 바뀝니다.</translation>
    </message>
</context>
<context>
    <name>LookingStrip</name>
    <message>
        <source>Share of students on camera looking at the screen with eyes open, last 5 minutes</source>
        <translation>화면에 보이는 학생 가운데 눈을 뜨고 화면을 보는 비율, 최근 5분</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening {source}…</source>
        <translation>{source} 여는 중…</translation>
    </message>
</context>
<context>
    <name>MoodStrip</name>
    <message>
        <source>Class mood: share of students on camera in each dominant emotion, last 5 minutes</source>
        <translation>학급 분위기: 화면에 보이는 학생 가운데 각 감정이 주된 학생의 비율, 최근 5분</translation>
    </message>
</context>
<context>
    <name>NameAction</name>
    <message>
        <source>Name the selected student…</source>
        <translation>선택한 학생 이름 붙이기…</translation>
    </message>
    <message>
        <source>Name this student</source>
        <translation>학생 이름 붙이기</translation>
    </message>
    <message>
        <source>Name for face #{id}:</source>
        <translation>얼굴 #{id}의 이름:</translation>
    </message>
</context>
<context>
    <name>ParticipantsAction</name>
    <message>
        <source>Participants…</source>
        <translation>참가자 명단…</translation>
    </message>
    <message>
        <source>Load the class&apos;s participants list (Zoom&apos;s participants CSV, or one name a line): names read from the tiles are matched to it</source>
        <translation>수업 참가자 명단을 불러옵니다 (Zoom 참가자 CSV, 또는 한 줄에 이름 하나): 타일에서 읽은 이름을 명단의 이름과 맞춥니다</translation>
    </message>
    <message>
        <source>Participants list</source>
        <translation>참가자 명단</translation>
    </message>
    <message>
        <source>Participants (*.csv *.txt);;All files (*)</source>
        <translation>참가자 명단 (*.csv *.txt);;모든 파일 (*)</translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s) listed: names read from the tiles are matched to them</source>
        <translation>
            <numerusform>참가자 %n명: 타일에서 읽은 이름을 명단의 이름과 맞춥니다</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>probability</source>
        <translation>확률</translation>
    </message>
</context>
<context>
    <name>ReportAction</name>
    <message>
        <source>Report…</source>
        <translation>보고서…</translation>
    </message>
    <message>
        <source>Open a report of the last recorded session in the browser (an HTML file beside its CSV)</source>
        <translation>마지막으로 기록한 수업의 보고서를 브라우저에서 엽니다 (CSV 옆의 HTML 파일)</translation>
    </message>
    <message>
        <source>Writing report…</source>
        <translation>보고서 쓰는 중…</translation>
    </message>
    <message>
        <source>Report failed: {reason}</source>
        <translation>보고서를 만들지 못했습니다: {reason}</translation>
    </message>
    <message>
        <source>Report written: {path}</source>
        <translation>보고서를 만들었습니다: {path}</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <source>Start session</source>
        <translation>수업 기록 시작</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Output folder…</source>
        <translation>저장 폴더…</translation>
    </message>
    <message>
        <source>Stop session</source>
        <translation>수업 기록 끝내기</translation>
    </message>
    <message>
        <source>Cannot record to {folder}: {reason}</source>
        <translation>{folder}에 기록할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>Session saved: {path}</source>
        <translation>수업 기록을 저장했습니다: {path}</translation>
    </message>
    <message>
        <source>Nothing to export yet: start a session first.</source>
        <translation>아직 내보낼 기록이 없습니다. 먼저 수업 기록을 시작하세요.</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation>타임라인 내보내기</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>내보내지 못했습니다: {reason}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>내보냈습니다: {path}</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>저장 폴더</translation>
    </message>
</context>
<context>
    <name>SourceActions</name>
    <message>
        <source>Camera to use</source>
        <translation>사용할 카메라</translation>
    </message>
    <message>
        <source>Find cameras</source>
        <translation>카메라 찾기</translation>
    </message>
    <message>
        <source>Open video or photo…</source>
        <translation>동영상·사진 열기…</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>화면</translation>
    </message>
    <message>
        <source>Screen region…</source>
        <translation>화면 영역…</translation>
    </message>
    <message>
        <source>Reopen {source}</source>
        <translation>다시 열기: {source}</translation>
    </message>
    <message>
        <source>Reopen last source</source>
        <translation>마지막 입력 다시 열기</translation>
    </message>
    <message>
        <source>Open the source used last time (nothing opens by itself at start-up)</source>
        <translation>지난번에 쓴 입력을 엽니다 (시작할 때 저절로 열리지는 않습니다)</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>카메라를 찾는 중…</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>카메라 없음</translation>
    </message>
    <message>
        <source>No camera found. You can still open a video file or watch the screen.</source>
        <translation>카메라를 찾지 못했습니다. 동영상 파일을 열거나 화면을 볼 수는 있습니다.</translation>
    </message>
    <message>
        <source>Camera {index}</source>
        <translation>카메라 {index}</translation>
    </message>
    <message>
        <source>Open video or photo</source>
        <translation>동영상·사진 열기</translation>
    </message>
    <message>
        <source>Videos and photos</source>
        <translation>동영상과 사진</translation>
    </message>
    <message>
        <source>Screen region</source>
        <translation>화면 영역</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>왼쪽</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>위쪽</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>너비</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>높이</translation>
    </message>
</context>
<context>
    <name>StatusLabels</name>
    <message>
        <source>– frames/s</source>
        <translation>– 프레임/초</translation>
    </message>
    <message>
        <source>{shown} frames/s shown, {analysed} analysed</source>
        <translation>초당 {shown}프레임 표시, {analysed}프레임 분석</translation>
    </message>
    <message>
        <source>model: loading…</source>
        <translation>모델: 불러오는 중…</translation>
    </message>
    <message>
        <source>no source</source>
        <translation>입력 없음</translation>
    </message>
    <message>
        <source>{source} (ended)</source>
        <translation>{source} (끝남)</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● 기록 중</translation>
    </message>
    <message>
        <source>Recording to {path}</source>
        <translation>{path}에 기록 중</translation>
    </message>
    <message>
        <source>model: {model} on {device}</source>
        <translation>모델: {model} ({device})</translation>
    </message>
</context>
<context>
    <name>TimelinePlot</name>
    <message>
        <source>seconds ago</source>
        <translation>초 전</translation>
    </message>
</context>
<context>
    <name>VideoView</name>
    <message>
        <source>No source. Pick a camera, a video file or the screen.</source>
        <translation>입력이 없습니다. 카메라, 동영상 파일 또는 화면을 고르세요.</translation>
    </message>
</context>
<context>
    <name>WindowBars</name>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source> Source: </source>
        <translation> 입력: </translation>
    </message>
    <message>
        <source> Device: </source>
        <translation> 장치: </translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>수업(&amp;S)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <source>&amp;Class</source>
        <translation>학급(&amp;C)</translation>
    </message>
</context>
</TS>
