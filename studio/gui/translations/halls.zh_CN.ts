<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HallsPane</name>
    <message>
        <location filename="../halls/pane.py" line="61" />
        <source>Add hall…</source>
        <translation>添加展厅…</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="63" />
        <source>Or drop panorama photos (equirectangular JPEG) on the list</source>
        <translation>也可以把全景照片（等距柱状投影 JPEG）拖放到列表上</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="64" />
        <location filename="../halls/pane.py" line="417" />
        <source>Remove hall</source>
        <translation>删除展厅</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="67" />
        <source>No floor plan yet</source>
        <translation>尚无平面图</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="68" />
        <source>Floor plan image…</source>
        <translation>平面图图片…</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="70" />
        <source>Floor plan (drag the pins)</source>
        <translation>平面图（拖动图钉）</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="77" />
        <source>Halls (drag to reorder)</source>
        <translation>展厅（拖动以调整顺序）</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="90" />
        <source>Set start view</source>
        <translation>设为起始视角</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="92" />
        <source>Visitors entering this hall first look where you look now</source>
        <translation>观众进入此展厅时，首先看到您现在看的方向</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="93" />
        <source>Set north</source>
        <translation>设为北方</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="95" />
        <source>North lies where you look now</source>
        <translation>您现在看的方向为北方</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="96" />
        <source>Go to start view</source>
        <translation>回到起始视角</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="101" />
        <source>Use this view as the arrival</source>
        <translation>以此视角为到达视角</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="103" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="116" />
        <source>Drag to look around, scroll or pinch to zoom. Click to place a hotspot; drag a hotspot to move it; Delete removes the selected one.</source>
        <translation>拖动画面环顾四周，滚动鼠标滚轮或双指捏合缩放。单击放置热点；拖动热点可移动它；按 Delete 删除选中的热点。</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="191" />
        <source>No halls yet: drop a panorama photo on the list to add one</source>
        <translation>还没有展厅：把全景照片拖放到列表上即可添加</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="234" />
        <source>Opening the panorama…</source>
        <translation>正在打开全景图…</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="243" />
        <source>The panorama could not be opened</source>
        <translation>无法打开全景图</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="247" />
        <source>Opening panorama</source>
        <translation>打开全景图</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="273" />
        <source>Hall thumbnails</source>
        <translation>展厅缩略图</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="304" />
        <source>yaw {0:.1f}°, pitch {1:.1f}°, fov {2:.0f}°</source>
        <translation>水平角 {0:.1f}°，俯仰角 {1:.1f}°，视场 {2:.0f}°</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="375" />
        <source>Look where visitors should arrive in {0}, then press "Use this view as the arrival"</source>
        <translation>在{0}中看向观众到达时应看到的方向，然后按“以此视角为到达视角”</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="400" />
        <source>Undone: {0}</source>
        <translation>已撤销：{0}</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="400" />
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="404" />
        <source>Redone: {0}</source>
        <translation>已重做：{0}</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="404" />
        <source>Nothing to redo</source>
        <translation>没有可重做的操作</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="418" />
        <source>{0} hotspots in other halls lead to hall {1}. Remove the hall and them?</source>
        <translation>其他展厅中有 {0} 个热点通往展厅 {1}。是否删除该展厅及这些热点？</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="426" />
        <source>Removed hall {0}</source>
        <translation>已删除展厅 {0}</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="436" />
        <source>Added hall {0} from {1}</source>
        <translation>已从 {1} 添加展厅 {0}</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="438" />
        <source>Adding hall from {0}</source>
        <translation>正在从 {0} 添加展厅</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="447" />
        <source>Walk to</source>
        <translation>前往</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="455" />
        <source>Object…</source>
        <translation>展品…</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="456" />
        <source>Note…</source>
        <translation>说明…</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="486" />
        <source>Add halls from panorama photos</source>
        <translation>从全景照片添加展厅</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="487" />
        <source>Panorama photos (*.jpg *.jpeg)</source>
        <translation>全景照片 (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="492" />
        <source>Floor plan image</source>
        <translation>平面图图片</translation>
    </message>
    <message>
        <location filename="../halls/pane.py" line="493" />
        <source>Images (*.png *.jpg *.jpeg *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
</context>
<context>
    <name>HotspotPanel</name>
    <message>
        <location filename="../halls/hotspot_panel.py" line="45" />
        <source>Yaw</source>
        <translation>水平角</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="46" />
        <source>Pitch</source>
        <translation>俯仰角</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="49" />
        <source>Walk to</source>
        <translation>前往</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="55" />
        <source>Hall</source>
        <translation>展厅</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="56" />
        <source>Arrival yaw</source>
        <translation>到达时水平角</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="57" />
        <source>Arrival pitch</source>
        <translation>到达时俯仰角</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="58" />
        <source>Set arrival by looking…</source>
        <translation>通过观看设置到达视角…</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="60" />
        <source>Opens the hall it leads to: look where visitors should arrive looking</source>
        <translation>打开它通往的展厅：看向观众到达时应看的方向</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="65" />
        <source>Object</source>
        <translation>展品</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="69" />
        <source>Choose another object…</source>
        <translation>选择其他展品…</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="77" />
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="84" />
        <source>Apply note</source>
        <translation>应用说明</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="88" />
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="89" />
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="97" />
        <source>Label (Chinese)</source>
        <translation>标签（中文）</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="98" />
        <source>Label (English)</source>
        <translation>标签（英文）</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="100" />
        <source>Delete hotspot</source>
        <translation>删除热点</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="104" />
        <source>Click the panorama to place a hotspot; select one to edit it.</source>
        <translation>单击全景图放置热点；选中一个热点即可编辑。</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="156" />
        <source>Hotspot: walk to another hall</source>
        <translation>热点：前往其他展厅</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="156" />
        <source>Hotspot: an object</source>
        <translation>热点：展品</translation>
    </message>
    <message>
        <location filename="../halls/hotspot_panel.py" line="157" />
        <source>Hotspot: a note</source>
        <translation>热点：说明</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../halls/pickers.py" line="102" />
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../halls/pickers.py" line="109" />
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../halls/pickers.py" line="110" />
        <source>English</source>
        <translation>英文</translation>
    </message>
</context>
<context>
    <name>ObjectPicker</name>
    <message>
        <location filename="../halls/pickers.py" line="34" />
        <source>Choose an object</source>
        <translation>选择展品</translation>
    </message>
    <message>
        <location filename="../halls/pickers.py" line="41" />
        <source>Search the collection (accession, title, maker…)</source>
        <translation>搜索藏品（编号、名称、作者…）</translation>
    </message>
    <message>
        <location filename="../halls/pickers.py" line="63" />
        <source>Searching</source>
        <translation>正在搜索</translation>
    </message>
</context>
<context>
    <name>PanoramaView</name>
    <message>
        <location filename="../halls/view.py" line="222" />
        <source>N</source>
        <translation>北</translation>
    </message>
</context>
</TS>