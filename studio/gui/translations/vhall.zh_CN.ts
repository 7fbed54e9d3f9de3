<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>RoomForm</name>
    <message>
      <location filename="../virtual_hall_editor.py" line="254" />
      <source>Room</source>
      <translation>房间</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="260" />
      <source> m</source>
      <translation> 米</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="264" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="267" />
      <source>Wood</source>
      <translation>木地板</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="267" />
      <source>Stone</source>
      <translation>石材</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="267" />
      <source>Carpet</source>
      <translation>地毯</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="268" />
      <source>Warm</source>
      <translation>暖光</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="268" />
      <source>Neutral</source>
      <translation>中性光</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="268" />
      <source>Cool</source>
      <translation>冷光</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="272" />
      <source>Apply room</source>
      <translation>应用房间设置</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="278" />
      <source>Width</source>
      <translation>宽度</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="279" />
      <source>Depth</source>
      <translation>进深</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="280" />
      <source>Height</source>
      <translation>高度</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="281" />
      <source>Wall colour</source>
      <translation>墙面颜色</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="282" />
      <source>Floor</source>
      <translation>地面</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="283" />
      <source>Light</source>
      <translation>灯光</translation>
    </message>
  </context>
  <context>
    <name>VirtualHallEditor</name>
    <message>
      <location filename="../virtual_hall_editor.py" line="316" />
      <source>New hall of all works</source>
      <translation>用全部展品新建展厅</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="321" />
      <source>Entrance</source>
      <translation>入口</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="326" />
      <source>Drag a picture along a wall or onto another wall; drag a plinth on the floor (or select one and nudge it with the arrow keys). The light floor is where visitors can walk.</source>
      <translation>沿墙拖动画作，或拖到另一面墙上；在地面上拖动展台（也可以选中后用方向键微调）。浅色地面是观众可以走到的地方。</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="332" />
      <source>Virtual hall</source>
      <translation>虚拟展厅</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="369" />
      <source>No virtual hall yet: make one of the catalog's works.</source>
      <translation>还没有虚拟展厅：用藏品目录中的展品新建一个。</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="399" />
      <source>Moved {0}.</source>
      <translation>已移动 {0}。</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="410" />
      <source>Room changed; re-hung: {0}.</source>
      <translation>房间已修改；重新布置了：{0}。</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="411" />
      <source>Room changed; every work still fits where it was.</source>
      <translation>房间已修改；所有展品仍在原位。</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="417" />
      <source>Virtual hall {0}</source>
      <translation>虚拟展厅 {0}</translation>
    </message>
    <message>
      <location filename="../virtual_hall_editor.py" line="419" />
      <source>Making a virtual hall</source>
      <translation>正在生成虚拟展厅</translation>
    </message>
  </context>
  <context>
    <name>Panes</name>
    <message>
      <source>Virtual hall</source>
      <translation>虚拟展厅</translation>
    </message>
  </context>
  <context>
    <name>UndoSteps</name>
    <message>
      <source>change room</source>
      <translation>修改房间</translation>
    </message>
    <message>
      <source>clear model scenes</source>
      <translation>清除三维展品场景</translation>
    </message>
    <message>
      <source>import virtual hall</source>
      <translation>导入虚拟展厅</translation>
    </message>
  </context>
</TS>